using System.Collections.Concurrent;
using EPI.Collab.Api.Features.Live;
using EPI.Collab.Api.Features.Voting.Counting;
using EPI.Collab.Api.Features.Workshops;
using JasperFx.Events.Projections;
using Marten;
using JasperFx.Events.Daemon;
using Marten.Subscriptions;
using Marten.Schema;
using Marten.Schema.Indexing.Unique;

namespace EPI.Collab.Api.Features.Audit.TimeTravel;

/// <summary>
/// The as-of board of a workshop folded up to <paramref name="Sequence"/> of the city's log (before its rounds are recounted),
/// and the rounds an event up to then asked to recount.
/// </summary>
public sealed record BoardStoredState(string Id, Guid WorkshopId, long Sequence, WorkshopBoard Board, Guid[] Recount)
{
    public static string IdOf(Guid workshopId, long sequence) => $"{workshopId:N}:{sequence}";
}

/// <summary>
/// The sums of a round's counted ballots (<see cref="TallySums"/>: each ballot stream folded, voided ones left out) once the
/// city's log reached <paramref name="Sequence"/>.
/// </summary>
public sealed record TallyStoredState(string Id, Guid RoundId, long Sequence, StoredSums Sums)
{
    public static string IdOf(Guid roundId, long sequence) => $"{roundId:N}:{sequence}";
}

/// <summary>
/// Stored states for the as-of reads that fold many streams (issue #15, S5): the board of a workshop (every event naming
/// it) and the tally sums of a round's ballots (every ballot stream naming it). Unlike <see cref="StoredStates"/> (one stream, keyed by
/// its version) these are keyed by the city's log sequence: the state of the fold once the log reached sequence s. An
/// as-of read at sequence S starts from the nearest stored state at or before S and folds only the log after it, so it
/// answers exactly what the fold from the start answers; a missing stored state only makes a read fold more. The round's
/// sums move by the ballot streams that moved after the stored state: each one's marks then are removed and its marks now
/// added, so an as-of count reads a few sums and the ballots cast or changed since, never every ballot of the round.
/// Written by the async daemon (<see cref="StoredFoldsKeeper"/>), which hands it every committed range in sequence order.
/// </summary>
public sealed class StoredFolds
{
    /// <summary>Default of <c>TimeTravel:BoardStoredStateEvery</c>: log sequences at least between two stored boards of a workshop.</summary>
    public const int DefaultBoardEvery = 64;
    /// <summary>Default of <c>TimeTravel:BallotsStoredStateEvery</c>: log sequences at least between two stored tally sums of a round.</summary>
    public const int DefaultBallotsEvery = 64;

    public StoredFolds(int boardEvery, int ballotsEvery)
    {
        BoardEvery = boardEvery >= 1 ? boardEvery
            : throw new ArgumentOutOfRangeException(nameof(boardEvery), boardEvery, "TimeTravel:BoardStoredStateEvery must be 1 or more.");
        BallotsEvery = ballotsEvery >= 1 ? ballotsEvery
            : throw new ArgumentOutOfRangeException(nameof(ballotsEvery), ballotsEvery, "TimeTravel:BallotsStoredStateEvery must be 1 or more.");
    }

    public int BoardEvery { get; }
    public int BallotsEvery { get; }

    public static StoredFolds From(IConfiguration configuration) => new(
        configuration.GetValue("TimeTravel:BoardStoredStateEvery", DefaultBoardEvery),
        configuration.GetValue("TimeTravel:BallotsStoredStateEvery", DefaultBallotsEvery));

    public void Register(StoreOptions opts)
    {
        // The nearest state at or before S is one descent of (workshop or round, sequence, tenant), whatever the statistics
        // say: with an index on the workshop alone the planner read every state of the workshop and sorted them (12 ms at
        // 1,500 states, S5) while the table's statistics still counted it nearly empty.
        opts.Schema.For<BoardStoredState>().Index([x => x.WorkshopId, x => x.Sequence], PerTenant);
        opts.Schema.For<TallyStoredState>().Index([x => x.RoundId, x => x.Sequence], PerTenant);
        opts.Projections.Subscribe(new StoredFoldsKeeper(this));
    }

    private static void PerTenant(ComputedIndex index) => index.TenancyScope = TenancyScope.PerTenant;

    /// <summary>
    /// A workshop's board folded by the live board's fold (<see cref="WorkshopBoardFold"/>, events in sequence order) up to
    /// <paramref name="upTo"/>, before recounting, and the rounds to recount; from the nearest stored state at or before it.
    /// </summary>
    /// <param name="from">A state at or before <paramref name="upTo"/> to fold from instead of the nearest stored one (the daemon's last).</param>
    public static async Task<(WorkshopBoard? Board, HashSet<Guid> Recount)> BoardAtAsync(IQuerySession session, Guid workshopId,
        long upTo, CancellationToken ct, BoardStoredState? from = null) =>
        await FoldBoardAsync(session.DocumentStore, session.TenantId, workshopId, upTo,
            from ?? await NearestBoardAsync(session, workshopId, upTo, ct), ct);

    /// <summary>The stored board of a workshop nearest at or before <paramref name="upTo"/>; null when none is stored by then.</summary>
    public static Task<BoardStoredState?> NearestBoardAsync(IQuerySession session, Guid workshopId, long upTo, CancellationToken ct) =>
        session.Query<BoardStoredState>().Where(x => x.WorkshopId == workshopId && x.Sequence <= upTo)
            .OrderByDescending(x => x.Sequence).FirstOrDefaultAsync(ct);

    /// <summary>
    /// As <see cref="BoardAtAsync"/>, from <paramref name="stored"/> (null: from the start of the log). It reads the log on
    /// connections of its own, so it can run while the caller's session reads something else.
    /// </summary>
    public static async Task<(WorkshopBoard? Board, HashSet<Guid> Recount)> FoldBoardAsync(IDocumentStore store, string tenant,
        Guid workshopId, long upTo, BoardStoredState? stored, CancellationToken ct)
    {
        var board = stored?.Board;
        var recount = new HashSet<Guid>(stored?.Recount ?? []);
        for (var after = stored?.Sequence ?? 0L; ;)
        {
            var events = await EventLog.WorkshopLogAsync(store, tenant, workshopId, after, upTo, Chain.PageSize, ct);
            foreach (var (_, data) in events)
            {
                board = (data, board) switch
                {
                    (WorkshopScheduled scheduled, _) => WorkshopBoardFold.Create(scheduled),
                    (IWorkshopEvent, { } current) => WorkshopBoardFold.Apply(current, data).Board,
                    _ => board
                };
                if (data is not null && LiveRelay.RoundToRecount(data) is { } roundId) recount.Add(roundId);
            }
            if (events.Count < Chain.PageSize) break; // the last page
            after = events[^1].Sequence;
        }
        return (board, recount);
    }

    /// <summary>
    /// The sums of a round's counted ballots as they stood at <paramref name="upTo"/>: the nearest stored sums at or before it,
    /// moved by every ballot stream of the round that moved after them.
    /// </summary>
    /// <param name="from">Sums at or before <paramref name="upTo"/> to move from instead of the nearest stored ones (the daemon's last).</param>
    public static async Task<TallySums> SumsAtAsync(IQuerySession session, IDocumentStore store, Guid roundId, long upTo, CancellationToken ct,
        TallyStoredState? from = null)
    {
        var stored = from ?? await session.Query<TallyStoredState>().Where(x => x.RoundId == roundId && x.Sequence <= upTo)
            .OrderByDescending(x => x.Sequence).FirstOrDefaultAsync(ct);
        var sums = TallySums.From(stored?.Sums);
        foreach (var (_, before, after) in await EventLog.BallotMovesAsync(store, session.TenantId, roundId, stored?.Sequence ?? 0, upTo, ct))
        {
            if (before is not null) sums.Remove(Tally.CountedBallot.Of(before));
            if (after is not null) sums.Add(Tally.CountedBallot.Of(after));
        }
        return sums;
    }

    /// <summary>As <see cref="SumsAtAsync(IQuerySession, IDocumentStore, Guid, long, CancellationToken, TallyStoredState?)"/>, on a query
    /// session of its own, so it can run while the caller folds the round itself.</summary>
    public static async Task<TallySums> SumsAtAsync(IDocumentStore store, string tenant, Guid roundId, long upTo, CancellationToken ct)
    {
        await using var session = store.QuerySession(tenant);
        return await SumsAtAsync(session, store, roundId, upTo, ct);
    }

    internal static async Task<BoardStoredState?> StoreBoardAsync(IQuerySession session, Guid workshopId, long at,
        BoardStoredState? from, CancellationToken ct)
    {
        var (board, recount) = await BoardAtAsync(session, workshopId, at, ct, from);
        return board is null ? null : new BoardStoredState(BoardStoredState.IdOf(workshopId, at), workshopId, at, board, [.. recount.Order()]);
    }

    internal static async Task<TallyStoredState> StoreTallyAsync(IQuerySession session, IDocumentStore store, Guid roundId, long at,
        TallyStoredState? from, CancellationToken ct) =>
        new(TallyStoredState.IdOf(roundId, at), roundId, at, (await SumsAtAsync(session, store, roundId, at, ct, from)).Stored());
}

/// <summary>
/// Writes <see cref="BoardStoredState"/> and <see cref="TallyStoredState"/> as the daemon passes the log: at every event of a
/// workshop (ballot of a round) that lies at least K sequences after its last stored state (before the first one: after
/// the first event of it this keeper saw), the state there is folded and stored. Within a chunk each state is folded from
/// the one before it (the first from the last stored state and the committed log), so a chunk of many events stores a
/// state every K of them, not one at its end. Where the last stored state is, is remembered per workshop and round (read
/// from the database the first time, and again when the log seems to have gone back, as after a reset); remembering
/// wrong only moves the next stored state. It needs each event's workshop and round only, so it asks the daemon for
/// ranges (<see cref="RangePages"/>) and reads those ids raw, a chunk of <see cref="Chain.PageSize"/> events at a time.
/// </summary>
public sealed class StoredFoldsKeeper : SubscriptionBase
{
    private readonly StoredFolds _settings;
    private readonly ConcurrentDictionary<(string Tenant, Guid Id), long> _boards = new();
    private readonly ConcurrentDictionary<(string Tenant, Guid Id), long> _ballots = new();

    public StoredFoldsKeeper(StoredFolds settings)
    {
        _settings = settings;
        Name = "StoredFolds";
        Options.BatchSize = 1000;
        IncludeType<RangePages.RangesOnly>();
    }

    public override async Task<IChangeListener> ProcessEventsAsync(EventRange page, ISubscriptionController controller,
        IDocumentOperations operations, CancellationToken cancellationToken)
    {
        var store = operations.DocumentStore;
        for (var after = page.SequenceFloor; after < page.SequenceCeiling;)
        {
            var events = await EventLog.WorkshopEventsAsync(store, after, page.SequenceCeiling, Chain.PageSize, cancellationToken);
            if (events.Count == 0) break;
            after = events[^1].Sequence;
            var states = await StatesAsync(store, events, cancellationToken);
            await RangePages.StoreAsync(operations, events.Count < Chain.PageSize || after >= page.SequenceCeiling,
                chunk => states.ForEach(save => save(chunk)), cancellationToken);
        }
        return NullChangeListener.Instance;
    }

    /// <summary>The states due within one chunk of the log, each as the storing of it in its city.</summary>
    private async Task<List<Action<IDocumentOperations>>> StatesAsync(IDocumentStore store,
        List<(long Sequence, string Tenant, Guid WorkshopId, Guid? RoundId)> events, CancellationToken ct)
    {
        var workshops = new Dictionary<(string Tenant, Guid Id), List<long>>();
        var rounds = new Dictionary<(string Tenant, Guid Id), List<long>>();
        foreach (var e in events)
        {
            Seen(workshops, (e.Tenant, e.WorkshopId), e.Sequence);
            if (e.RoundId is { } r) Seen(rounds, (e.Tenant, r), e.Sequence);
        }
        var states = new List<Action<IDocumentOperations>>();
        foreach (var ((tenant, id), sequences) in workshops)
        {
            BoardStoredState? previous = null;
            await using var query = store.QuerySession(tenant);
            foreach (var at in Due(sequences, await LastAsync(_boards, tenant, id, sequences[0], LastBoardAsync, store, ct), _settings.BoardEvery))
            {
                if (await StoredFolds.StoreBoardAsync(query, id, at, previous, ct) is { } state) states.Add(Store(tenant, previous = state));
                _boards[(tenant, id)] = at;
            }
        }
        foreach (var ((tenant, id), sequences) in rounds)
        {
            TallyStoredState? previous = null;
            await using var query = store.QuerySession(tenant);
            foreach (var at in Due(sequences, await LastAsync(_ballots, tenant, id, sequences[0], LastBallotsAsync, store, ct), _settings.BallotsEvery))
            {
                states.Add(Store(tenant, previous = await StoredFolds.StoreTallyAsync(query, store, id, at, previous, ct)));
                _ballots[(tenant, id)] = at;
            }
        }
        return states;
    }

    private static Action<IDocumentOperations> Store<T>(string tenant, T state) where T : notnull =>
        operations => operations.ForTenant(tenant).Store(state);

    private static void Seen(Dictionary<(string, Guid), List<long>> seen, (string, Guid) key, long sequence)
    {
        if (!seen.TryGetValue(key, out var sequences)) seen[key] = sequences = [];
        sequences.Add(sequence);
    }

    /// <summary>The sequences (ascending) at which a state is due: each at least <paramref name="every"/> after the one before.</summary>
    internal static IEnumerable<long> Due(IEnumerable<long> sequences, long last, int every)
    {
        foreach (var at in sequences)
            if (at - last >= every) yield return last = at;
    }

    /// <summary>
    /// The last stored state's sequence (or, before the first one, the first event of the workshop or round this projection
    /// saw: <paramref name="first"/>); read again when the page starts before it.
    /// </summary>
    private static async Task<long> LastAsync(ConcurrentDictionary<(string, Guid), long> last, string tenant, Guid id, long first,
        Func<IDocumentStore, string, Guid, CancellationToken, Task<long>> read, IDocumentStore store, CancellationToken ct)
    {
        if (!last.TryGetValue((tenant, id), out var stored) || stored > first)
            last[(tenant, id)] = stored = await read(store, tenant, id, ct) is > 0 and var s ? s : first;
        return stored;
    }

    private static async Task<long> LastBoardAsync(IDocumentStore store, string tenant, Guid id, CancellationToken ct)
    {
        await using var query = store.QuerySession(tenant);
        return await query.Query<BoardStoredState>().Where(x => x.WorkshopId == id).OrderByDescending(x => x.Sequence)
            .Select(x => x.Sequence).FirstOrDefaultAsync(ct);
    }

    private static async Task<long> LastBallotsAsync(IDocumentStore store, string tenant, Guid id, CancellationToken ct)
    {
        await using var query = store.QuerySession(tenant);
        return await query.Query<TallyStoredState>().Where(x => x.RoundId == id).OrderByDescending(x => x.Sequence)
            .Select(x => x.Sequence).FirstOrDefaultAsync(ct);
    }
}
