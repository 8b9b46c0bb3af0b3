using System.Diagnostics;
using EPI.Collab.Api.Features.Audit.TimeTravel;
using EPI.Collab.Api.Features.ReferenceData;
using EPI.Collab.Api.Features.Voting;
using Marten;

namespace EPI.Collab.Load;

/// <summary>
/// S5: one voting-round stream of N events (opened, then its rules changed N − 1 times). The state as of a past version, read
/// as the audit endpoints read it (<see cref="StoredStates.AggregateAsync{T}"/>: the stored state at or before the version
/// plus the events after it, one batched query), against loading the latest state (the inline snapshot document). The
/// plain fold of the events (what the endpoints did before) is kept as the reference. The same stream is written with
/// several intervals K to choose K; the cost side is the extra rows and the time of single-event appends.
/// </summary>
public static class TimeTravel
{
    public const int FoldRepeats = 15, ReadRepeats = 200, SingleAppends = 100, AppendRounds = 6;

    /// <summary>K compared; <see cref="StoredStates.DefaultEvery"/> is the one the service is configured with.</summary>
    public static readonly int[] Intervals = [1, 4, 8, 16, 64, 256, StoredStates.DefaultEvery];

    /// <summary>A K so large that no state is ever stored: the append cost without stored states.</summary>
    public const int Never = 1_000_000_000;

    public static async Task<ScenarioResult> Run(LoadOptions o, TextWriter log, CancellationToken ct = default)
    {
        var n = o.StreamEvents;
        var r = new ScenarioResult("s5-time-travel", $"S5 time travel: as-of state of a {n:N0}-event stream vs the latest");
        r.Parameters["stream_events"] = n;
        r.Parameters["stored_state_every"] = StoredStates.DefaultEvery;
        r.Parameters["intervals_compared"] = string.Join(",", Intervals.Distinct().Order());
        r.Parameters["read_repeats"] = ReadRepeats;
        r.Parameters["fold_repeats"] = FoldRepeats;
        if (o.Postgres is null) { r.Notes.Add("Skipped: no --pg connection string."); return r; }

        var intervals = Intervals.Distinct().Order().ToArray();
        var stores = new List<(int K, DocumentStore Store)>();
        try
        {
            foreach (var k in intervals.Prepend(Never))
                stores.Add((k, await ReplayStore.Create(o.Postgres, o.ReplayDatabase, fresh: false, ct, k)));
            await stores[0].Store.Storage.ApplyAllConfiguredChangesToDatabaseAsync(); // the database may predate the stored-state table

            // The append cost: single-event appends (as commands append), without stored states and with each K, in
            // alternating rounds so that a busy machine slows them all alike.
            var appendTime = await SingleAppendSeconds(stores, ct);
            foreach (var (k, _) in stores)
                r.Figure(k == Never ? "single_appends_per_s_without_stored_states" : $"k{k}_single_appends_per_s",
                    SingleAppends * AppendRounds / appendTime[k]);

            foreach (var (k, store) in stores.Where(s => s.K != Never))
            {
                var written = Stopwatch.StartNew();
                var id = await WriteRound(store, n, ct);
                r.Figure($"k{k}_write_{n}_events_s", written.Elapsed.TotalSeconds);
                await using var query = store.QuerySession(ReplayStore.Tenant);
                r.Figure($"k{k}_stored_states", await query.Query<StoredState<VotingRound>>().Where(x => x.StreamId == id).CountAsync(ct));

                // The worst version folds K − 1 events after the stored state; the aligned one folds none. The three reads
                // alternate, so the ratio compares them under the same load.
                var worst = Math.Max(1, k == 1 ? n - 1 : (n + 1) / k * k - 1);
                var aligned = Math.Max(1, (n - 1) / k * k);
                var (latest, asOfWorst, asOfAligned) = await TimeAlternating(r, ReadRepeats,
                    ($"K={k}: latest: load the snapshot document", () => query.LoadAsync<VotingRound>(id, ct)),
                    ($"K={k}: as of version {worst:N0} (stored state + {worst % k} events)",
                        () => StoredStates.AggregateAsync<VotingRound>(query, id, worst, ct)),
                    ($"K={k}: as of version {aligned:N0} (stored state only)", () => StoredStates.AggregateAsync<VotingRound>(query, id, aligned, ct)));
                r.Figure($"k{k}_latest_snapshot_ms_p50", latest);
                r.Figure($"k{k}_as_of_worst_ms_p50", asOfWorst);
                r.Figure($"k{k}_as_of_aligned_ms_p50", asOfAligned);
                r.Figure($"k{k}_ratio_as_of_worst_to_latest", asOfWorst / latest);
                log.WriteLine($"s5: K={k}: latest {latest:F3} ms, as-of v{worst} {asOfWorst:F3} ms, as-of v{aligned} {asOfAligned:F3} ms");
                if (k != StoredStates.DefaultEvery) continue;

                // The reference: the plain fold the endpoints did before (and folding the whole stream).
                var (plain, whole, _) = await TimeAlternating(r, FoldRepeats,
                    ($"reference: plain fold as of version {n - 1:N0}", () => query.Events.AggregateStreamAsync<VotingRound>(id, version: n - 1, token: ct)),
                    ("reference: fold the whole stream", () => query.Events.AggregateStreamAsync<VotingRound>(id, token: ct)),
                    (null, () => query.LoadAsync<VotingRound>(id, ct)));
                r.Figure("latest_snapshot_ms_p50", latest);
                r.Figure("as_of_worst_ms_p50", asOfWorst);
                r.Figure("plain_fold_as_of_ms_p50", plain);
                r.Figure("latest_fold_ms_p50", whole);
                r.Figure("ratio_plain_fold_as_of_to_latest_snapshot", plain / latest);
                r.Check($"S5 as-of (version {worst:N0}, K = {k}: stored state + {worst % k} events) p50 ÷ latest snapshot load p50 (≤ 3)",
                    asOfWorst / latest, 3, atLeast: false);
                log.WriteLine($"s5: reference plain fold as-of {plain:F2} ms, whole fold {whole:F2} ms");
            }
        }
        finally
        {
            foreach (var (_, store) in stores) store.Dispose();
        }
        if (ServerProbe.LoadAverage() is { } load) r.Figure("machine_load_average_1m", load);
        return r;
    }

    private static readonly RoundOption[] Options =
        [new(Guid.CreateVersion7(), Guid.CreateVersion7(), 1, "A"), new(Guid.CreateVersion7(), Guid.CreateVersion7(), 1, "B")];

    private static object Event(Guid roundId, Guid workshopId, long version) => version == 1
        ? new RoundOpened(roundId, workshopId, [new LocalizedText("en", "Which first?")], Options,
            new RoundRules(VotingMethod.Dot, ResultsVisibility.Live, true, false, DotBudget: 5), "tally-v1", Guid.CreateVersion7(), "facilitator",
            DateTimeOffset.UtcNow)
        : new RoundRulesChanged(roundId, workshopId, new RoundRules(VotingMethod.Dot, ResultsVisibility.Live, true, false,
            DotBudget: 1 + (int)(version % 9)), Guid.CreateVersion7(), "facilitator", DateTimeOffset.UtcNow);

    /// <summary>A round stream of <paramref name="events"/> events, appended 2,000 at a time with the expected version.</summary>
    private static async Task<Guid> WriteRound(IDocumentStore store, int events, CancellationToken ct)
    {
        var (id, workshopId) = (Guid.CreateVersion7(), Guid.CreateVersion7());
        for (var first = 1; first <= events; first += 2000)
        {
            await using var session = store.LightweightSession(ReplayStore.Tenant);
            var batch = Enumerable.Range(first, Math.Min(2000, events - first + 1)).Select(v => Event(id, workshopId, v)).ToArray();
            if (first == 1) session.Events.StartStream<VotingRound>(id, batch);
            else session.Events.Append(id, first - 1 + batch.Length, batch);
            await session.SaveChangesAsync(ct);
        }
        return id;
    }

    /// <summary>
    /// One event per transaction with its expected version (as a command appends), each store on a new round stream of
    /// its own, in <see cref="AppendRounds"/> alternating rounds of <see cref="SingleAppends"/>; seconds spent per K.
    /// </summary>
    private static async Task<Dictionary<int, double>> SingleAppendSeconds(List<(int K, DocumentStore Store)> stores, CancellationToken ct)
    {
        var streams = stores.ToDictionary(s => s.K, _ => (Id: Guid.CreateVersion7(), Workshop: Guid.CreateVersion7()));
        var seconds = stores.ToDictionary(s => s.K, _ => 0.0);
        for (var round = 0; round < AppendRounds; round++)
            foreach (var (k, store) in round % 2 == 0 ? stores : Enumerable.Reverse(stores))
            {
                var (id, workshopId) = streams[k];
                var started = Stopwatch.GetTimestamp();
                for (var v = round * SingleAppends + 1; v <= (round + 1) * SingleAppends; v++)
                {
                    await using var session = store.LightweightSession(ReplayStore.Tenant);
                    if (v == 1) session.Events.StartStream<VotingRound>(id, Event(id, workshopId, v));
                    else session.Events.Append(id, v, Event(id, workshopId, v));
                    await session.SaveChangesAsync(ct);
                }
                seconds[k] += Stopwatch.GetElapsedTime(started).TotalSeconds;
            }
        return seconds;
    }

    /// <summary>Times three reads in turn (a null name is read but not recorded); the p50 of each.</summary>
    private static async Task<(double, double, double)> TimeAlternating<T1, T2, T3>(ScenarioResult r, int repeats,
        (string? Name, Func<Task<T1>> Read) a, (string? Name, Func<Task<T2>> Read) b, (string? Name, Func<Task<T3>> Read) c)
    {
        var reads = new (string? Name, Func<Task<object?>> Read)[]
        {
            (a.Name, async () => await a.Read()), (b.Name, async () => await b.Read()), (c.Name, async () => await c.Read())
        };
        foreach (var (_, read) in reads) await read();
        var series = reads.Select(x => x.Name is null ? new Series("unrecorded") : r.Latency(x.Name)).ToArray();
        for (var i = 0; i < repeats; i++)
            for (var j = 0; j < reads.Length; j++)
            {
                var which = (i + j) % reads.Length; // rotate the order too
                var started = Stopwatch.GetTimestamp();
                if (await reads[which].Read() is null) throw new InvalidOperationException($"{reads[which].Name}: nothing loaded");
                series[which].Add(Stopwatch.GetElapsedTime(started));
            }
        return (series[0].Summary.P50, series[1].Summary.P50, series[2].Summary.P50);
    }
}
