using EPI.Collab.Api.Features.Decisions;
using EPI.Collab.Api.Features.Cities;
using EPI.Collab.Api.Features.Live;
using EPI.Collab.Api.Features.Voting;
using EPI.Collab.Api.Features.Voting.GettingResults;
using EPI.Collab.Api.Features.Workshops;
using EPI.Collab.Api.Features.Workshops.ListingWorkshops;
using EPI.Collab.Api.Infrastructure;
using JasperFx.Events;
using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using Marten.Services;
using Marten.Subscriptions;
using System.Diagnostics;

namespace EPI.Collab.Api.Features.Live;

/// <summary>
/// The single relay from committed events to clients: a Marten subscription run by the async daemon, which hands
/// it events in sequence order behind the high-water mark. As the only writer of boards and feeds it gives every
/// workshop message the next position, stores it with the board in the same transaction as its own progress,
/// and pushes it over SignalR after that commit.
/// High-rate facts (counts, tallies: changes with a coalesce key) are sent at most once per
/// <see cref="CoalesceInterval"/> per key and workshop, longer in a large room (<see cref="IntervalFor(int)"/>): the latest one is
/// owed until then. A page with events
/// committed after it leaves what is owed to a later page; a page at the head waits out the interval and sends it, so
/// nothing owed is left behind when the events stop. Waiting only at the head keeps a vote storm from queueing
/// pages behind the wait. Live tallies come from <see cref="LiveTallies"/> (a count in memory). What it committed goes
/// out through <see cref="ILivePush"/> (the SignalR hub in <c>Realtime/</c>), after the commit.
/// </summary>
public sealed class LiveRelay : SubscriptionBase
{
    /// <summary>Default of <c>Realtime:CoalesceMilliseconds</c>: how often at most a count or tally of one key is sent.</summary>
    public const int DefaultCoalesceMilliseconds = 250;

    /// <summary>A count or tally of one key is sent at most this often; changes meanwhile are folded into the next one.</summary>
    public TimeSpan CoalesceInterval { get; }

    /// <summary>
    /// Default of <c>Realtime:PushesPerSecond</c>: the coalesced messages of one kind a node sends per second to one workshop's
    /// participants together. What 5,000 phones at 4 tallies a second took on the 2-core reference machine with fan-out
    /// latency still within 2 × a bare hub's (ops/perf/README.md).
    /// </summary>
    public const int DefaultPushesPerSecond = 20_000;

    /// <summary>
    /// <c>Realtime:PushesPerSecond</c>: a room of more than this many participants × <see cref="CoalesceInterval"/> ÷ 1 s gets a
    /// longer interval (<see cref="IntervalFor(int)"/>); 0: never longer.
    /// </summary>
    public int PushesPerSecond { get; }

    /// <summary>
    /// Default of <c>Realtime:LargeRoomParticipants</c>: beyond this many participants a room's pushes a second fall as it grows
    /// (<see cref="IntervalFor(int)"/>). At 20,000 pushes a second the largest room that still gets 4 tallies a second.
    /// </summary>
    public const int DefaultLargeRoomParticipants = 5_000;

    /// <summary><c>Realtime:LargeRoomParticipants</c> (<see cref="DefaultLargeRoomParticipants"/>); 0: the pushes a second never fall.</summary>
    public int LargeRoomParticipants { get; }

    private readonly ILivePush _push;
    private readonly RelayStatus _status;
    private readonly LiveTallies _tallies = new();
    private readonly Dictionary<(Guid WorkshopId, string Key), Owed> _owed = [];
    private readonly Dictionary<(Guid WorkshopId, string Key), (long At, TimeSpan Interval)> _lastSent = [];

    /// <summary>
    /// A coalesced change not sent yet. Without <see cref="Change"/> it is the tally of <see cref="RoundId"/> (counted when
    /// it is sent); with both it is that round's count, left out when its tally goes out in the same batch.
    /// <see cref="Interval"/> is the workshop's coalescing interval for its room size when it became owed.
    /// </summary>
    private sealed record Owed(string Tenant, BoardChange? Change, DateTimeOffset At, TimeSpan Interval, Guid? RoundId = null, bool Final = false);

    public LiveRelay(ILivePush push, IConfiguration configuration, RelayStatus status)
    {
        _push = push;
        _status = status;
        CoalesceInterval = TimeSpan.FromMilliseconds(
            configuration.GetValue("Realtime:CoalesceMilliseconds", DefaultCoalesceMilliseconds) is var ms and >= 0 and <= 10_000
                ? ms
                : throw new InvalidOperationException("Realtime:CoalesceMilliseconds must be between 0 and 10000."));
        PushesPerSecond = configuration.GetValue("Realtime:PushesPerSecond", DefaultPushesPerSecond) is var budget and >= 0 and <= 10_000_000
            ? budget
            : throw new InvalidOperationException("Realtime:PushesPerSecond must be between 0 (off) and 10000000.");
        LargeRoomParticipants = configuration.GetValue("Realtime:LargeRoomParticipants", DefaultLargeRoomParticipants) is var large and >= 0 and <= 10_000_000
            ? large
            : throw new InvalidOperationException("Realtime:LargeRoomParticipants must be between 0 (off) and 10000000.");
        Name = "LiveRelay";
        Options.BatchSize = 1000;
    }

    public override async Task<IChangeListener> ProcessEventsAsync(EventRange page, ISubscriptionController controller,
        IDocumentOperations operations, CancellationToken cancellationToken)
    {
        if (!_tallies.Continue(page.SequenceFloor, page.SequenceCeiling)) await Resync(operations, cancellationToken);
        var batch = new RelayBatch(operations, _tallies);
        foreach (var e in page.Events)
        {
            if (e.Data is ICityEvent cityEvent) await batch.AppendCity(e.TenantId, cityEvent, e.Timestamp, cancellationToken);
            // A workshop's decision also goes to its city's feed (ids only): the tenant id is the city.
            if (e.Data is DecisionRecorded decided)
                await batch.AppendCity(e.TenantId, new CityDecisionRecorded(e.TenantId, decided.DecisionId, decided.WorkshopId), e.Timestamp, cancellationToken);
            _tallies.Apply(e);
            switch (e.Data)
            {
                case WorkshopScheduled scheduled:
                    batch.CityPushes.Add((scheduled.CityId, CityWorkshopProjection.Create(scheduled)));
                    batch.Start(e.TenantId, WorkshopBoardFold.Create(scheduled));
                    break;
                case IWorkshopEvent workshopEvent when await batch.Board(e.TenantId, workshopEvent.WorkshopId, cancellationToken) is { } board:
                    var (changed, change) = WorkshopBoardFold.Apply(board, e.Data);
                    batch.Fold(e.TenantId, changed, change is { CoalesceKey: null } ? change : null, e.Timestamp);
                    var interval = IntervalFor(changed.ParticipantCount);
                    if (change is { CoalesceKey: { } key }) _owed[(board.Id, key)] = new Owed(e.TenantId, change, e.Timestamp, interval, RoundToRecount(e.Data));
                    if (RoundToRecount(e.Data) is { } roundId)
                        _owed[(board.Id, TallyKey(roundId))] = new Owed(e.TenantId, null, e.Timestamp, interval, roundId, e.Data is RoundClosed);
                    break;
            }
        }

        var due = Due(Stopwatch.GetTimestamp());
        if (due.Count < _owed.Count && await AtHead(page, operations, cancellationToken))
        {
            // Nothing known behind this page: wait until the rest is due rather than leave it owed with no page to come.
            // Everything owed is sent after the wait (a timer may fire a fraction early: nothing may stay owed at the head).
            await Task.Delay(UntilAllDue(Stopwatch.GetTimestamp()), cancellationToken);
            due = [.. _owed.Keys];
        }
        var now = Stopwatch.GetTimestamp();
        // Tallies first: a tally carries the round's counts, so a round.counted due with it is not sent as well.
        foreach (var key in due.OrderBy(k => _owed[k].Change is null ? 0 : 1))
        {
            var owed = _owed[key];
            _owed.Remove(key);
            _lastSent[key] = (now, owed.Interval);
            await batch.Send(owed.Tenant, key.WorkshopId, owed.Change, owed.At, owed.RoundId, owed.Final, cancellationToken);
        }
        if (_lastSent.Count > 10_000) Forget(now);
        return await batch.Commit(_push, _status, (_owed.Count, page.SequenceCeiling), cancellationToken);
    }

    public static string TallyKey(Guid roundId) => $"round.tallied:{roundId:N}";

    /// <summary>However large the room and small the budget, a room gets its counts and tallies at least once a minute.</summary>
    public const int MaxRoomIntervalSeconds = 60;

    /// <summary>
    /// How often at most one coalesced kind goes to a workshop of <paramref name="participants"/>: every
    /// <see cref="CoalesceInterval"/>, or, in a room so large that this would exceed its budget of pushes (connection writes) a
    /// second, once per participants ÷ budget seconds. The budget is <see cref="PushesPerSecond"/>, and beyond
    /// <see cref="LargeRoomParticipants"/> it falls as the room grows (× large room ÷ participants): the larger the room, the
    /// more ballots its vote brings to the same node at once, and they need the CPU the pushes would take. Defaults: 250 ms up
    /// to 5,000 participants, 1 s at 10,000, 4 s at 20,000 (measured: 10,000 phones voting at once, ack p99 3.5–4.3 s at a
    /// 500 ms interval, 2.8–3.0 s at 1 s; ops/perf/README.md); never longer than <see cref="MaxRoomIntervalSeconds"/>.
    /// </summary>
    public TimeSpan IntervalFor(int participants) => IntervalFor(CoalesceInterval, PushesPerSecond, LargeRoomParticipants, participants);

    public static TimeSpan IntervalFor(TimeSpan coalesce, int pushesPerSecond, int largeRoom, int participants)
    {
        if (pushesPerSecond <= 0 || participants <= 0) return coalesce;
        var budget = largeRoom > 0 && participants > largeRoom ? (double)pushesPerSecond * largeRoom / participants : pushesPerSecond;
        var spread = TimeSpan.FromSeconds(Math.Min(participants / budget, MaxRoomIntervalSeconds));
        return spread > coalesce ? spread : coalesce;
    }

    /// <summary>
    /// After a start, a restart, a retried page or another node relaying in between, what an earlier process owed may be
    /// lost: every board not closed gets its counts and tallies sent again with this page (a few messages per workshop,
    /// values clients already have or should have had).
    /// </summary>
    private async Task Resync(IDocumentOperations operations, CancellationToken ct)
    {
        var boards = await operations.Query<WorkshopBoard>()
            .Where(b => b.AnyTenant() && b.Status != WorkshopStatus.Closed).ToListAsync(ct);
        var now = DateTimeOffset.UtcNow;
        foreach (var board in boards)
        {
            var interval = IntervalFor(board.ParticipantCount);
            _owed.TryAdd((board.Id, "participants"), new Owed(board.CityId, WorkshopBoardFold.ParticipantsCounted(board), now, interval));
            foreach (var round in board.Rounds.Where(r => r.Status == RoundStatus.Open))
            {
                var counted = VotingBoardFold.RoundCounted(board, round.RoundId)!;
                _owed.TryAdd((board.Id, counted.CoalesceKey!), new Owed(board.CityId, counted, now, interval));
                _owed.TryAdd((board.Id, TallyKey(round.RoundId)), new Owed(board.CityId, null, now, interval, round.RoundId));
            }
        }
    }

    /// <summary>
    /// No event committed beyond this page. Otherwise a later page with events is certain to come (the high-water mark
    /// alone is not enough: it also moves over gaps left by rolled-back appends, and a page without events never comes).
    /// </summary>
    private static async Task<bool> AtHead(EventRange page, IDocumentOperations operations, CancellationToken ct)
    {
        var schema = operations.DocumentStore.Options.Events.DatabaseSchemaName;
        var newest = await operations.AdvancedSql.QueryAsync<long>($"select coalesce(max(seq_id), 0) from {schema}.mt_events", ct);
        return newest.Single() <= page.SequenceCeiling;
    }

    private List<(Guid WorkshopId, string Key)> Due(long now) =>
        [.. _owed.Where(o => o.Value.Final || !_lastSent.TryGetValue(o.Key, out var sent) || Stopwatch.GetElapsedTime(sent.At, now) >= o.Value.Interval)
            .Select(o => o.Key)];

    private TimeSpan UntilAllDue(long now) => _owed
        .Select(o => _lastSent.TryGetValue(o.Key, out var sent) ? o.Value.Interval - Stopwatch.GetElapsedTime(sent.At, now) : TimeSpan.Zero)
        .Append(TimeSpan.Zero).Max();

    private void Forget(long now)
    {
        foreach (var key in _lastSent.Where(s => Stopwatch.GetElapsedTime(s.Value.At, now) >= s.Value.Interval).Select(s => s.Key).ToList())
            _lastSent.Remove(key);
    }

    /// <summary>Events that change a round's results; visible results are recounted once per batch.</summary>
    public static Guid? RoundToRecount(object data) => data switch
    {
        BallotCast e => e.RoundId,
        BallotChanged e => e.RoundId,
        BallotVoided e => e.RoundId,
        PaperTallyEntered e => e.RoundId,
        RoundClosed e => e.RoundId,
        _ => null
    };

    /// <summary>The boards touched by one page of events and the messages they produce.</summary>
    private sealed class RelayBatch(IDocumentOperations operations, LiveTallies tallies)
    {
        private readonly Dictionary<Guid, (string Tenant, WorkshopBoard Board)> _boards = [];
        private readonly List<WorkshopMessage> _messages = [];
        private readonly HashSet<Guid> _tallied = [];
        private readonly Dictionary<string, (string Tenant, CityFeedHead Head)> _cityHeads = [];
        private readonly List<CityMessage> _cityMessages = [];
        public List<(string CityId, CityWorkshop Workshop)> CityPushes { get; } = [];

        public async Task AppendCity(string tenant, ICityEvent e, DateTimeOffset at, CancellationToken ct)
        {
            if (!_cityHeads.TryGetValue(e.CityId, out var known))
                known = (tenant, await operations.ForTenant(tenant).LoadAsync<CityFeedHead>(e.CityId, ct) ?? new CityFeedHead(e.CityId, 0));
            var position = known.Head.Position + 1;
            _cityHeads[e.CityId] = (tenant, known.Head with { Position = position });
            _cityMessages.Add(new CityMessage(CityMessage.IdFor(e.CityId, position), e.CityId, position, CityMessage.TypeOf(e),
                ApiJson.ToElement(e), at));
        }

        public void Start(string tenant, WorkshopBoard board) => _boards[board.Id] = (tenant, board);

        public async Task<WorkshopBoard?> Board(string tenant, Guid workshopId, CancellationToken ct)
        {
            if (_boards.TryGetValue(workshopId, out var known)) return known.Board;
            var loaded = await operations.ForTenant(tenant).LoadAsync<WorkshopBoard>(workshopId, ct);
            if (loaded is not null) _boards[workshopId] = (tenant, loaded);
            return loaded;
        }

        public void Fold(string tenant, WorkshopBoard board, BoardChange? change, DateTimeOffset at)
        {
            _boards[board.Id] = (tenant, board);
            if (change is not null) Append(board.Id, change, at);
        }

        /// <summary>Sends a coalesced change, or counts a round and sends its tally when its results are visible.</summary>
        public async Task Send(string tenant, Guid workshopId, BoardChange? change, DateTimeOffset at, Guid? roundId, bool final,
            CancellationToken ct)
        {
            if (await Board(tenant, workshopId, ct) is null) return;
            if (change is not null)
            {
                if (roundId is not { } counted || !_tallied.Contains(counted)) Append(workshopId, change, at);
                return;
            }
            var session = operations.ForTenant(tenant);
            if (roundId is not { } id || await session.LoadAsync<VotingRound>(id, ct) is not { ResultsVisible: true } round) return;
            var (_, current) = _boards[workshopId];
            // The round closed after the events of this page: its round.closed comes with a later page, followed by
            // the one final tally. A tally now would reach clients before round.closed, and then again after it.
            if (!final && round.Status == RoundStatus.Closed
                && current.Rounds.FirstOrDefault(r => r.RoundId == id)?.Status != RoundStatus.Closed) return;
            var results = final || round.Status == RoundStatus.Closed
                ? await tallies.CountClosedAsync(session, round, ct)
                : await tallies.CountAsync(session, round, ct);
            var (_, board) = _boards[workshopId];
            _boards[workshopId] = (tenant, VotingBoardFold.WithResults(board, results));
            Append(workshopId, new BoardChange("round.tallied", results), DateTimeOffset.UtcNow);
            _tallied.Add(id);
        }

        private void Append(Guid workshopId, BoardChange change, DateTimeOffset at)
        {
            var (tenant, board) = _boards[workshopId];
            var position = board.Position + 1;
            _boards[workshopId] = (tenant, board with { Position = position });
            _messages.Add(new WorkshopMessage(WorkshopMessage.IdFor(workshopId, position), workshopId, position, change.Type,
                ApiJson.ToCompactElement(change.Data), at));
        }

        public Task<IChangeListener> Commit(ILivePush push, RelayStatus status, (int Owed, long Ceiling) owed, CancellationToken ct)
        {
            foreach (var (tenant, board) in _boards.Values) operations.ForTenant(tenant).Store(board);
            foreach (var message in _messages) operations.ForTenant(_boards[message.WorkshopId].Tenant).Store(message);
            foreach (var (tenant, head) in _cityHeads.Values) operations.ForTenant(tenant).Store(head);
            foreach (var message in _cityMessages) operations.ForTenant(_cityHeads[message.CityId].Tenant).Store(message);
            return Task.FromResult<IChangeListener>(new PushAfterCommit(push, status, owed, CityPushes, _messages, _cityMessages));
        }
    }

    private sealed class PushAfterCommit(
        ILivePush push, RelayStatus status, (int Owed, long Ceiling) owed, List<(string CityId, CityWorkshop Workshop)> cityPushes,
        List<WorkshopMessage> messages, List<CityMessage> cityMessages) : IChangeListener
    {
        public async Task AfterCommitAsync(IDocumentSession session, IChangeSet commit, CancellationToken token)
        {
            status.Committed(owed.Owed, owed.Ceiling);
            foreach (var (cityId, workshop) in cityPushes) await push.WorkshopScheduled(cityId, workshop);
            foreach (var message in messages) await push.WorkshopMessage(message);
            foreach (var message in cityMessages) await push.CityMessage(message);
        }

        public Task BeforeCommitAsync(IDocumentSession session, IChangeSet commit, CancellationToken token) => Task.CompletedTask;
    }
}

/// <summary>Where the relay sends what it committed: the connected clients of a city or a workshop.</summary>
public interface ILivePush
{
    Task WorkshopScheduled(string cityId, CityWorkshop workshop);
    Task WorkshopMessage(WorkshopMessage message);
    Task CityMessage(CityMessage message);

    /// <summary>To the staff watching a workshop's admission: more joins in a minute than it allows.</summary>
    Task JoinBurst(Participants.Joining.JoinBurstAlert alert);
}

public static class LiveConfiguration
{
    /// <summary>The relay as a Marten subscription run by the async daemon (one node at a time).</summary>
    public static MartenServiceCollectionExtensions.MartenConfigurationExpression AddLiveRelay(
        this MartenServiceCollectionExtensions.MartenConfigurationExpression marten)
    {
        marten.Services.AddSingleton<RelayStatus>();
        return marten.AddSubscriptionWithServices<LiveRelay>(ServiceLifetime.Singleton);
    }
}
