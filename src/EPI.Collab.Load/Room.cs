using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.SignalR.Client;

namespace EPI.Collab.Load;

/// <summary>An open workshop with an open, live dot-voting round, set up by its facilitator through the API.</summary>
public sealed record Room(Service Service, string City, Guid WorkshopId, string JoinCode, Guid RoundId, Guid[] Options, string StaffToken)
{
    public string WorkshopPath => $"/api/cities/{City}/workshops/{WorkshopId}";
    public string RoundPath => $"{WorkshopPath}/rounds/{RoundId}";

    public static async Task<Room> Open(Service service, LoadOptions o, string title)
    {
        var staff = await service.LogIn(o.Facilitator, o.FacilitatorPassword);
        var workshopId = (string)(await service.Send(HttpMethod.Post, $"/api/cities/{o.City}/workshops", new
        {
            kind = "POLICY_DESIGN_ROUND_TABLE", title,
            focusQuestion = new[] { new { lang = "en", text = "Which action should the city pilot first?" } },
            languages = new[] { "en" },
            agenda = new object[] { new { type = "VOTE", plannedMinutes = 10 } }
        }, staff))["value"]!;
        var workshop = $"/api/cities/{o.City}/workshops/{workshopId}";
        var code = (string)(await service.Send(HttpMethod.Post, $"{workshop}/open", new { version = 1 }, staff))["joinCode"]!;
        var proposals = new List<string>();
        foreach (var idea in new[] { "Mentoring pairs with local employers", "Fast-track recognition of qualifications", "Language-for-work classes" })
            proposals.Add((string)(await service.Send(HttpMethod.Post, $"{workshop}/proposals", new { text = new { lang = "en", text = idea } }, staff))["value"]!);
        var round = await service.Send(HttpMethod.Post, $"{workshop}/rounds", new
        {
            question = new[] { new { lang = "en", text = "Which should the city pilot first?" } },
            options = proposals,
            rules = new { method = "DOT", visibility = "LIVE", ballotsChangeable = true, secret = true, dotBudget = 5, maxDotsPerOption = 3 }
        }, staff);
        return new Room(service, o.City, Guid.Parse(workshopId), code, Guid.Parse((string)round["value"]!["roundId"]!),
            [.. round["value"]!["options"]!.AsArray().Select(x => Guid.Parse((string)x!["optionId"]!))], staff);
    }

    public async Task<Phone> Join(int index)
    {
        var joined = await Service.Send(HttpMethod.Post, $"{WorkshopPath}/participants",
            new { joinCode = JoinCode, group = Groups[index % Groups.Length], preferredLanguage = "en" });
        return new Phone(this, index, (string)joined["accessToken"]!);
    }

    private static readonly string[] Groups = ["RESIDENT", "MIGRANT_LED_ORGANISATION", "GRASSROOTS_NGO", "LOCAL_AUTHORITY", "BUSINESS"];

    /// <summary>Joins <paramref name="count"/> phones over HTTP, <paramref name="parallel"/> at a time.</summary>
    public async Task<List<Phone>> JoinMany(int count, int parallel, int firstIndex = 0)
    {
        var phones = new Phone[count];
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = parallel },
            async (i, _) => phones[i] = await Join(firstIndex + i));
        return [.. phones];
    }

    public async Task<int> PhoneBallots() =>
        (int)(await Service.Send(HttpMethod.Get, $"{RoundPath}/results", token: StaffToken))["ballots"]!["phone"]!;
}

/// <summary>A tally as one phone received it.</summary>
public readonly record struct TallySeen(DateTimeOffset Received, DateTimeOffset At, int Ballots, long Position);

/// <summary>One simulated phone: a participant token, a real SignalR connection, the tallies it saw and its ballots.</summary>
public sealed class Phone(Room room, int index, string token) : IAsyncDisposable
{
    private readonly List<TallySeen> _tallies = [];
    private HubConnection? _hub;
    public int Index { get; } = index;
    public bool Connected { get; private set; }
    public string Token { get; } = token;
    public JsonElement? LastTallyMessage { get; private set; }
    public event Action<TallySeen>? Tallied;

    public IReadOnlyList<TallySeen> Tallies { get { lock (_tallies) return [.. _tallies]; } }

    /// <summary>Connects over WebSockets and joins the workshop's group; returns when the server confirmed the join.</summary>
    public async Task Connect(CancellationToken ct = default)
    {
        _hub = new HubConnectionBuilder()
            .WithUrl(new Uri(room.Service.BaseUrl, "/hubs/collab"), o =>
            {
                o.AccessTokenProvider = () => Task.FromResult<string?>(Token);
                o.Transports = Microsoft.AspNetCore.Http.Connections.HttpTransportType.WebSockets;
                o.SkipNegotiation = true;
            })
            .Build();
        _hub.ServerTimeout = TimeSpan.FromMinutes(2);
        _hub.On<JsonElement>("WorkshopMessage", OnMessage);
        await _hub.StartAsync(ct);
        await _hub.InvokeAsync("JoinWorkshop", room.City, room.WorkshopId, ct);
        Connected = true;
    }

    private void OnMessage(JsonElement message)
    {
        var received = DateTimeOffset.UtcNow;
        if (message.GetProperty("type").GetString() != "round.tallied") return;
        var data = message.GetProperty("data");
        var seen = new TallySeen(received, message.GetProperty("at").GetDateTimeOffset(),
            data.GetProperty("ballots").GetProperty("phone").GetInt32(), message.GetProperty("position").GetInt64());
        lock (_tallies) _tallies.Add(seen);
        LastTallyMessage = message;
        Tallied?.Invoke(seen);
    }

    /// <summary>
    /// Casts (or changes) this phone's ballot, over HTTP or over its hub connection (<see cref="BallotPath.Hub"/>, which
    /// needs <see cref="Connect"/>); returns the server's BallotAccepted. A refusal throws <see cref="ServiceException"/>.
    /// </summary>
    public async Task<(JsonNode Accepted, TimeSpan Latency)> Vote(int variant, CancellationToken ct = default, BallotPath path = BallotPath.Http)
    {
        var options = room.Options;
        var marks = new[] { new { optionId = options[(Index + variant) % options.Length], value = 3 },
            new { optionId = options[(Index + variant + 1) % options.Length], value = 2 } };
        var key = $"load-{Index}-{variant}";
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        JsonNode accepted;
        if (path == BallotPath.Hub)
        {
            if (_hub is null) throw new InvalidOperationException("A hub ballot needs a connected phone.");
            var answer = await _hub.InvokeAsync<JsonElement>("CastBallot", room.City, room.WorkshopId, room.RoundId, new { marks }, key, ct);
            if (answer.TryGetProperty("problem", out var problem) && problem.ValueKind == JsonValueKind.Object)
                throw new ServiceException((System.Net.HttpStatusCode)problem.GetProperty("status").GetInt32(),
                    $"hub CastBallot: {problem.GetProperty("code").GetString()}");
            accepted = JsonNode.Parse(answer.GetProperty("accepted").GetRawText())!;
        }
        else
            accepted = await room.Service.Send(HttpMethod.Post, $"{room.RoundPath}/ballot", new { marks }, Token,
                new Dictionary<string, string> { ["Idempotency-Key"] = key }, ct);
        return (accepted, System.Diagnostics.Stopwatch.GetElapsedTime(started));
    }

    public async ValueTask DisposeAsync()
    {
        if (_hub is not null) await _hub.DisposeAsync();
    }
}
