using System.Diagnostics;

namespace EPI.Collab.Load;

/// <summary>
/// S1: N connected phones each cast one ballot at the same instant. Measures acknowledged (= committed) ballots per
/// second, each phone's acknowledgement latency and "ballot committed → tally visible on this phone", against the
/// service's one-ballot-per-transaction path (phones voting one after another) and pgbench.
/// </summary>
public static class Ingest
{
    public static async Task<ScenarioResult> Run(LoadOptions o, Service service, ServerProbe probe, Baselines baselines, TextWriter log,
        CancellationToken ct = default)
    {
        var r = new ScenarioResult("s1-ingest", $"S1 ingest: {o.IngestPhones} phones cast one ballot each, all at once, over {(o.Ballots == BallotPath.Hub ? "the hub" : "HTTP")}");
        r.Parameters["phones"] = o.IngestPhones;
        r.Parameters["ballots"] = o.Ballots == BallotPath.Hub ? "hub" : "http";
        r.Parameters["sequential_ballots"] = o.SequentialBallots;
        var room = await Room.Open(service, o, "Load S1 ingest");
        var sequential = await room.JoinMany(o.SequentialBallots, o.JoinParallelism, firstIndex: 1_000_000);
        var phones = await room.JoinMany(o.IngestPhones, o.JoinParallelism);

        // The single path, measured before the phones connect (the write path alone): one ballot in flight at a time,
        // so every group commit holds exactly one ballot.
        // The first few warm up the JIT and the connection pools and are not timed.
        const int warmUp = 10;
        foreach (var p in sequential.Take(warmUp)) await p.Vote(0, ct);
        var single = r.Latency("one ballot per transaction: ack");
        var clock = Stopwatch.StartNew();
        foreach (var p in sequential.Skip(warmUp)) single.Add((await p.Vote(0, ct)).Latency);
        var singleRate = single.Count / clock.Elapsed.TotalSeconds;
        r.Figure("single_path_ballots_per_s", singleRate);
        log.WriteLine($"s1: single path {singleRate:F0} ballots/s; connecting {phones.Count} phones");
        var notConnected = await Phones.ConnectAll(phones, o.ConnectParallelism, ct: ct);
        r.Errors += notConnected;
        r.Figure("phones_not_connected", notConnected);

        var before = await probe.Snapshot();
        var acks = new (DateTimeOffset At, double Ms)?[phones.Count];
        var ack = r.Latency("storm: ack after commit");
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var errors = 0;
        var overHub = 0;
        var storm = phones.Select(async (p, i) =>
        {
            await gate.Task;
            try
            {
                // Over the hub only a connected phone can; one that failed to connect votes over HTTP (counted apart).
                var path = o.Ballots == BallotPath.Hub && p.Connected ? BallotPath.Hub : BallotPath.Http;
                var (accepted, latency) = await p.Vote(0, ct, path);
                if (path == BallotPath.Hub) Interlocked.Increment(ref overHub);
                acks[i] = (accepted.At, latency.TotalMilliseconds);
                ack.Add(latency);
            }
            catch (Exception e) when (e is ServiceException or HttpRequestException or TaskCanceledException
                or Microsoft.AspNetCore.SignalR.HubException or InvalidOperationException) { Interlocked.Increment(ref errors); }
        }).ToList();
        clock.Restart();
        gate.SetResult();
        await Task.WhenAll(storm);
        var elapsed = clock.Elapsed.TotalSeconds;
        r.Errors += errors;
        var acked = acks.Count(a => a is not null);
        var rate = acked / elapsed;
        r.Figure("acknowledged_ballots", acked);
        r.Figure("acknowledged_over_hub", overHub);
        r.Figure("storm_seconds", elapsed);
        r.Figure("ballots_per_s", rate);
        log.WriteLine($"s1: storm {acked} acknowledged in {elapsed:F2} s = {rate:F0}/s, {errors} errors");

        // Ballots of one group commit share its decision time `at`, and commits are serial: a tally counting at least
        // the ballots of every commit up to mine includes mine.
        var cumulative = new Dictionary<DateTimeOffset, int>();
        var total = sequential.Count;
        foreach (var batch in acks.OfType<(DateTimeOffset At, double Ms)>().GroupBy(a => a.At).OrderBy(g => g.Key))
            cumulative[batch.Key] = total += batch.Count();
        r.Figure("group_commits", cumulative.Count);
        var listening = phones.Where(p => p.Connected).ToList();
        var allSeen = await Phones.Until(() => listening.All(p => p.Tallies.Any(t => t.Ballots >= total)), o.TallyWait);
        var after = await probe.Snapshot();
        ServerProbe.Record(r, before, after);

        var visible = r.Latency("storm: committed → tally on phone");
        var missing = 0;
        for (var i = 0; i < phones.Count; i++)
        {
            if (acks[i] is not { } a || !phones[i].Connected) continue;
            var need = cumulative[a.At];
            var seen = phones[i].Tallies.Where(t => t.Ballots >= need).Select(t => (DateTimeOffset?)t.Received).Min();
            if (seen is { } at) visible.Add(at - a.At);
            else missing++;
        }
        r.Figure("phones_without_tally", missing);
        var stored = await room.PhoneBallots();
        r.Figure("stored_ballots", stored);
        if (stored != total) r.Notes.Add($"Stored ballots {stored} ≠ acknowledged {total}.");
        if (!allSeen) r.Notes.Add($"Not every phone saw the final tally within {o.TallyWait.TotalSeconds:F0} s.");

        r.Check("S1 ballots/s ÷ one-ballot-per-transaction ballots/s (≥ 5)", rate / singleRate, 5, atLeast: true);
        if (baselines.PgBench1 is { } pg1) r.Check("S1 ballots/s ÷ pgbench 1-client INSERT tps (≥ 1)", rate / pg1, 1, atLeast: true);
        if (baselines.PgBench8 is { } pg8) r.Figure("ratio_to_pgbench_8_clients", rate / pg8);
        await Phones.DisposeAll(phones);
        return r;
    }
}
