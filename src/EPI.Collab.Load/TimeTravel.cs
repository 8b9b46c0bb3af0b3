using System.Diagnostics;
using EPI.Collab.Api.Features.Voting;
using Marten;

namespace EPI.Collab.Load;

/// <summary>
/// S5: one stream of N events (a ballot changed N − 1 times). The state as of a past version (folded from the events,
/// as the audit endpoints do) against loading the latest state (the inline snapshot document) and against folding
/// the whole stream.
/// </summary>
public static class TimeTravel
{
    public const int Repeats = 15;

    public static async Task<ScenarioResult> Run(LoadOptions o, TextWriter log, CancellationToken ct = default)
    {
        var r = new ScenarioResult("s5-time-travel", $"S5 time travel: as-of state of a {o.StreamEvents:N0}-event stream vs the latest");
        r.Parameters["stream_events"] = o.StreamEvents;
        r.Parameters["repeats"] = Repeats;
        if (o.Postgres is null) { r.Notes.Add("Skipped: no --pg connection string."); return r; }
        using var store = await ReplayStore.Create(o.Postgres, o.ReplayDatabase, fresh: false, ct);
        var id = Guid.CreateVersion7();
        var (roundId, workshopId) = (Guid.CreateVersion7(), Guid.CreateVersion7());
        for (var first = 0; first < o.StreamEvents; first += 2000)
        {
            await using var session = store.LightweightSession(ReplayStore.Tenant);
            var events = ReplayStore.BallotStream(id, roundId, workshopId, first, Math.Min(2000, o.StreamEvents - first) - (first == 0 ? 1 : 0));
            if (first == 0) session.Events.StartStream<Ballot>(id, events);
            else session.Events.Append(id, events);
            await session.SaveChangesAsync(ct);
        }

        await using var query = store.QuerySession(ReplayStore.Tenant);
        var half = o.StreamEvents / 2;
        var latest = await Time(r, "latest: load the snapshot document", () => query.LoadAsync<Ballot>(id, ct));
        var whole = await Time(r, "latest: fold the whole stream", () => query.Events.AggregateStreamAsync<Ballot>(id, token: ct));
        var asOf = await Time(r, $"as of version {half}", () => query.Events.AggregateStreamAsync<Ballot>(id, version: half, token: ct));
        var asOfEnd = await Time(r, $"as of version {o.StreamEvents - 1}",
            () => query.Events.AggregateStreamAsync<Ballot>(id, version: o.StreamEvents - 1, token: ct));
        r.Figure("as_of_half_ms_p50", asOf);
        r.Figure("latest_snapshot_ms_p50", latest);
        r.Figure("latest_fold_ms_p50", whole);
        r.Check("S5 as-of (version N−1) p50 ÷ latest snapshot load p50 (≤ 3)", asOfEnd / latest, 3, atLeast: false);
        r.Figure("ratio_as_of_half_to_latest_snapshot", asOf / latest);
        r.Figure("ratio_as_of_end_to_whole_fold", asOfEnd / whole);
        if (ServerProbe.LoadAverage() is { } load) r.Figure("machine_load_average_1m", load);
        log.WriteLine($"s5: latest {latest:F2} ms, fold {whole:F2} ms, as-of half {asOf:F2} ms, as-of N-1 {asOfEnd:F2} ms");
        return r;
    }

    private static async Task<double> Time<T>(ScenarioResult r, string name, Func<Task<T>> load)
    {
        await load();
        var series = r.Latency(name);
        for (var i = 0; i < Repeats; i++)
        {
            var started = Stopwatch.GetTimestamp();
            if (await load() is null) throw new InvalidOperationException($"{name}: nothing loaded");
            series.Add(Stopwatch.GetElapsedTime(started));
        }
        return series.Summary.P50;
    }
}
