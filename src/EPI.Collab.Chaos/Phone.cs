using EPI.Collab.Client;
using Microsoft.AspNetCore.SignalR.Client;

namespace EPI.Collab.Chaos;

/// <summary>
/// A phone as the README describes the client: it joins the workshop's group, applies pushed messages in position
/// order, and on a gap or after a reconnect (automatic, with backoff) reads <c>feed?after=</c> to catch up.
/// </summary>
public sealed class Phone(Uri baseUrl, string token, Room room) : IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly CollabClient _api = new(new HttpClient { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(10) }, token);
    private CollabHubClient? _hub;
    public long Last { get; private set; }
    public int Pushed { get; private set; }
    public int CaughtUp { get; private set; }
    public int Reconnects { get; private set; }
    public List<string> Types { get; } = [];
    public event Action<WorkshopMessage, bool>? Applied;

    private sealed class Backoff : IRetryPolicy
    {
        public TimeSpan? NextRetryDelay(RetryContext context) => context.ElapsedTime > TimeSpan.FromMinutes(2)
            ? null
            : TimeSpan.FromMilliseconds(Math.Min(2000, 100 * Math.Pow(2, context.PreviousRetryCount)) * (0.8 + Random.Shared.NextDouble() * 0.4));
    }

    public async Task Connect()
    {
        _hub = new CollabHubClient(baseUrl, token, b => b.WithAutomaticReconnect(new Backoff()));
        _hub.OnWorkshopMessage(OnPushed);
        _hub.Connection.Reconnecting += _ => { Reconnects++; return Task.CompletedTask; };
        _hub.Connection.Reconnected += async _ => { await Join(); await CatchUp(); };
        await _hub.StartAsync();
        await Join();
    }

    private Task Join() => _hub!.JoinWorkshopAsync(Api.City, room.WorkshopId);

    private async Task OnPushed(WorkshopMessage message)
    {
        var gap = false;
        await _gate.WaitAsync();
        try
        {
            var position = message.Position;
            if (position == Last + 1) { Apply(message, viaPush: true); Pushed++; }
            else gap = position > Last + 1;
        }
        finally { _gate.Release(); }
        if (gap) await CatchUp();
    }

    private void Apply(WorkshopMessage message, bool viaPush)
    {
        Last = message.Position;
        lock (Types) Types.Add(message.Type);
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
                IReadOnlyList<WorkshopMessage> page;
                try { page = await _api.GetWorkshopFeedAsync(Api.City, room.WorkshopId, Last); }
                catch (Exception e) when (e is CollabApiException or HttpRequestException or TaskCanceledException) { await Task.Delay(200); continue; }
                if (page.Count == 0) return;
                foreach (var message in page)
                {
                    if (message.Position != Last + 1)
                        throw new InvalidOperationException($"the stored feed skips from {Last} to {message.Position}");
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
        _api.Http.Dispose();
    }
}
