using EPI.Collab.Client;
using Microsoft.AspNetCore.SignalR.Client;

namespace EPI.Collab.Load;

/// <summary>An open workshop with an open, live dot-voting round on its proposals, set up by its facilitator through the API.</summary>
public sealed record Room(Service Service, string City, Guid WorkshopId, string JoinCode, Guid RoundId, Guid[] Options, string StaffToken,
    Guid[] Proposals)
{
    public CollabClient Staff => Service.Api.As(StaffToken);

    public static async Task<Room> Open(Service service, LoadOptions o, string title)
    {
        var token = await service.LogIn(o.Facilitator, o.FacilitatorPassword);
        var staff = service.Api.As(token);
        var workshopId = (await staff.ScheduleWorkshopAsync(o.City, new ScheduleWorkshop(WorkshopKind.PolicyDesignRoundTable, title,
            [new LocalizedText(Lang.En, "Which action should the city pilot first?")], [Lang.En],
            Agenda: [new PlannedPhase(PhaseType.Vote, 10)]))).Value;
        var code = (await staff.OpenWorkshopAsync(o.City, workshopId, new OpenWorkshop(1))).JoinCode;
        var proposals = new List<Guid>();
        foreach (var idea in new[] { "Mentoring pairs with local employers", "Fast-track recognition of qualifications", "Language-for-work classes" })
            proposals.Add((await staff.SubmitProposalAsync(o.City, workshopId, new SubmitProposal(new LocalizedText(Lang.En, idea)))).Value);
        var round = (await staff.OpenRoundAsync(o.City, workshopId, new OpenRound([new LocalizedText(Lang.En, "Which should the city pilot first?")],
            proposals, new RoundRules(VotingMethod.Dot, ResultsVisibility.Live, BallotsChangeable: true, Secret: true, DotBudget: 5,
                MaxDotsPerOption: 3)))).Value!;
        return new Room(service, o.City, workshopId, code, round.RoundId, [.. round.Options.Select(x => x.OptionId)], token, [.. proposals]);
    }

    public async Task<Phone> Join(int index)
    {
        var joined = await Service.Api.JoinWorkshopAsync(City, WorkshopId, new JoinWorkshop(JoinCode, Groups[index % Groups.Length], Lang.En));
        return new Phone(this, index, joined.AccessToken);
    }

    private static readonly StakeholderGroup[] Groups = [StakeholderGroup.Resident, StakeholderGroup.MigrantLedOrganisation,
        StakeholderGroup.GrassrootsNgo, StakeholderGroup.LocalAuthority, StakeholderGroup.Business];

    /// <summary>Joins <paramref name="count"/> phones over HTTP, <paramref name="parallel"/> at a time.</summary>
    public async Task<List<Phone>> JoinMany(int count, int parallel, int firstIndex = 0)
    {
        var phones = new Phone[count];
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = parallel },
            async (i, _) => phones[i] = await Join(firstIndex + i));
        return [.. phones];
    }

    public async Task<int> PhoneBallots() => (await Staff.GetRoundResultsAsync(City, WorkshopId, RoundId)).Ballots.Phone;
}

/// <summary>A tally as one phone received it.</summary>
public readonly record struct TallySeen(DateTimeOffset Received, DateTimeOffset At, int Ballots, long Position);

/// <summary>One simulated phone: a participant token, a real SignalR connection, the tallies it saw and its ballots.</summary>
public sealed class Phone(Room room, int index, string token) : IAsyncDisposable
{
    private readonly List<TallySeen> _tallies = [];
    private CollabHubClient? _hub;
    public int Index { get; } = index;
    public bool Connected { get; private set; }
    public string Token { get; } = token;
    public event Action<TallySeen>? Tallied;

    public IReadOnlyList<TallySeen> Tallies { get { lock (_tallies) return [.. _tallies]; } }

    /// <summary>Connects over WebSockets and joins the workshop's group; returns when the server confirmed the join.</summary>
    public async Task Connect(CancellationToken ct = default)
    {
        _hub = new CollabHubClient(room.Service.BaseUrl, Token);
        _hub.Connection.ServerTimeout = TimeSpan.FromMinutes(2);
        _hub.Connection.On<TallyGlance>("WorkshopMessage", OnMessage);
        await _hub.StartAsync(ct);
        await _hub.JoinWorkshopAsync(room.City, room.WorkshopId, ct);
        Connected = true;
    }

    private void OnMessage(TallyGlance message)
    {
        var received = DateTimeOffset.UtcNow;
        if (message.PhoneBallots is not { } ballots) return;
        var seen = new TallySeen(received, message.At, ballots, message.Position);
        lock (_tallies) _tallies.Add(seen);
        Tallied?.Invoke(seen);
    }

    /// <summary>
    /// Casts (or changes) this phone's ballot, over HTTP or over its hub connection (<see cref="BallotPath.Hub"/>, which
    /// needs <see cref="Connect"/>); returns the server's BallotAccepted. A refusal throws <see cref="ServiceException"/>.
    /// </summary>
    public async Task<(BallotAccepted Accepted, TimeSpan Latency)> Vote(int variant, CancellationToken ct = default, BallotPath path = BallotPath.Http)
    {
        var options = room.Options;
        var ballot = new CastBallot([new BallotMark(options[(Index + variant) % options.Length], 3),
            new BallotMark(options[(Index + variant + 1) % options.Length], 2)]);
        var key = $"load-{Index}-{variant}";
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var accepted = path == BallotPath.Hub
            ? (await (_hub ?? throw new InvalidOperationException("A hub ballot needs a connected phone."))
                .CastBallotAsync(room.City, room.WorkshopId, room.RoundId, ballot, key, ct)).AcceptedOrThrow()
            : await room.Service.Api.As(Token).CastBallotAsync(room.City, room.WorkshopId, room.RoundId, ballot, key, ct);
        return (accepted, System.Diagnostics.Stopwatch.GetElapsedTime(started));
    }

    public async ValueTask DisposeAsync()
    {
        if (_hub is not null) await _hub.DisposeAsync();
    }
}
