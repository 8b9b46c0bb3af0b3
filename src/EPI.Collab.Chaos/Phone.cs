using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace EPI.Collab.Chaos;

/// <summary>
/// A phone as the README describes the client: it joins the workshop's group, applies pushed messages in position
/// order, and on a gap or after a reconnect (automatic, with backoff) reads <c>feed?after=</c> to catch up.
/// </summary>
public sealed class Phone(Uri baseUrl, string token, Room room) : IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly HttpClient _http = new() { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(10) };
    private HubConnection? _hub;
    public long Last { get; private set; }
    public int Pushed { get; private set; }
    public int CaughtUp { get; private set; }
    public int Reconnects { get; private set; }
    public List<string> Types { get; } = [];
    public event Action<JsonNode, bool>? Applied;

    private sealed class Backoff : IRetryPolicy
    {
        public TimeSpan? NextRetryDelay(RetryContext context) => context.ElapsedTime > TimeSpan.FromMinutes(2)
            ? null
            : TimeSpan.FromMilliseconds(Math.Min(2000, 100 * Math.Pow(2, context.PreviousRetryCount)) * (0.8 + Random.Shared.NextDouble() * 0.4));
    }

    public async Task Connect()
    {
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        _hub = new HubConnectionBuilder()
            .WithUrl(new Uri(baseUrl, "/hubs/collab"), o =>
            {
                o.AccessTokenProvider = () => Task.FromResult<string?>(token);
                o.Transports = HttpTransportType.WebSockets;
                o.SkipNegotiation = true;
            })
            .WithAutomaticReconnect(new Backoff())
            .Build();
        _hub.On<JsonNode>("WorkshopMessage", OnPushed);
        _hub.Reconnecting += _ => { Reconnects++; return Task.CompletedTask; };
        _hub.Reconnected += async _ => { await Join(); await CatchUp(); };
        await _hub.StartAsync();
        await Join();
    }

    private Task Join() => _hub!.InvokeAsync("JoinWorkshop", Api.City, room.WorkshopId);

    private async Task OnPushed(JsonNode message)
    {
        var gap = false;
        await _gate.WaitAsync();
        try
        {
            var position = (long)message["position"]!;
            if (position == Last + 1) { Apply(message, viaPush: true); Pushed++; }
            else gap = position > Last + 1;
        }
        finally { _gate.Release(); }
        if (gap) await CatchUp();
    }

    private void Apply(JsonNode message, bool viaPush)
    {
        Last = (long)message["position"]!;
        lock (Types) Types.Add((string)message["type"]!);
        Applied?.Invoke(message, viaPush);
    }

    /// <summary>Reads the stored feed after the last applied position until it is exhausted (retrying while no node answers).</summary>
    public async Task CatchUp()
    {
        await _gate.WaitAsync();
        try
        {
            for (var attempt = 0; attempt < 300; attempt++)
            {
                JsonArray page;
                try
                {
                    using var response = await _http.GetAsync($"{room.Url}/feed?after={Last}");
                    if (!response.IsSuccessStatusCode) { await Task.Delay(200); continue; }
                    page = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsArray();
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException) { await Task.Delay(200); continue; }
                if (page.Count == 0) return;
                foreach (var message in page)
                {
                    if ((long)message!["position"]! != Last + 1)
                        throw new InvalidOperationException($"the stored feed skips from {Last} to {message["position"]}");
                    Apply(message, viaPush: false);
                    CaughtUp++;
                }
            }
        }
        finally { _gate.Release(); }
    }

    public async ValueTask DisposeAsync()
    {
        if (_hub is not null) await _hub.DisposeAsync();
        _http.Dispose();
    }
}
