using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace EPI.Collab.Load;

/// <summary>
/// S1: N connected phones each cast one ballot at the same instant. Measures acknowledged (= committed) ballots per
/// second, each phone's acknowledgement latency, "ballot committed → tally visible on this phone", the service's CPU per
/// ballot and lost ballots (acknowledged but not stored), against the service's one-ballot-per-transaction path (phones
/// voting one after another) and pgbench. It runs once per room size and ballot path (issue #15: 2,000 and 10,000 phones,
/// over the hub and over HTTP): a room per size, whose phones join once; each path is a new round of that room, with the
/// phones connected afresh (the same participants, so 10,000 joins serve both paths).
/// </summary>
public static class Ingest
{
    /// <summary>Untimed ballots over each path before the single path is timed (see <see cref="SinglePath"/>).</summary>
    private const int SinglePathWarmUp = 75;

    public static string Name(int phones, BallotPath path) => $"s1-ingest-{phones}-{path.Name()}";


    public static async Task<List<ScenarioResult>> Run(LoadOptions o, Service service, ServerProbe probe, Baselines baselines, TextWriter log,
        CancellationToken ct = default)
    {
        var results = new List<ScenarioResult>();
        var singleRate = 0.0;
        if (o.WarmUpPhones > 0) await WarmUp(o, service, log, ct);
        foreach (var size in o.IngestSizes)
        {
            var clock = Stopwatch.StartNew();
            var room = await Room.Open(service, o, $"Load S1 ingest {size}");
            // The single path votes once, in the first room's round: that round's storm counts its ballots too.
            var single = results.Count == 0;
            if (single) singleRate = await SinglePath(o, room, log, ct);
            var joined = await room.JoinMany(size, o.JoinParallelism);
            var joinSeconds = clock.Elapsed.TotalSeconds;
            log.WriteLine($"s1: {size} phones joined in {joinSeconds:F1} s");
            for (var variant = 0; variant < o.BallotPaths.Length; variant++)
            {
                var path = o.BallotPaths[variant];
                // The first path votes in the room's round (after the single path's ballots); each further path in a new round.
                var (round, earlier) = variant == 0 ? (room, single ? o.SequentialBallots : 0) : (await AnotherRound(room, ct), 0);
                var phones = variant == 0 ? joined : [.. joined.Select(p => new Phone(round, p.Index, p.Token))];
                var r = await Storm(o, round, phones, path, variant, earlier, probe, baselines, log, ct);
                r.Parameters["phones_joined_in_s"] = Math.Round(joinSeconds, 1);
                r.Figure("single_path_ballots_per_s", singleRate);
                r.Check($"S1 ballots/s ÷ one-ballot-per-transaction ballots/s (≥ 5)", r.Figures["ballots_per_s"] / singleRate, 5, atLeast: true);
                results.Add(r);
            }
        }
        return results;
    }

    /// <summary>
    /// The single path, measured before the phones connect (the write path alone): one ballot in flight at a time, so every
    /// group commit holds exactly one ballot. The first <see cref="SinglePathWarmUp"/> over the hub and as many over HTTP are
    /// not timed: they bring both ballot paths through the JIT's tiers (a method is recompiled after 30 calls, twice with
    /// dynamic PGO) and fill the connection pools, so the storms measure the service warm, as it is an hour into a
    /// conference. A storm on a cold service pays the JIT as well (ops/perf/README.md has the profile).
    /// </summary>
    private static async Task<double> SinglePath(LoadOptions o, Room room, TextWriter log, CancellationToken ct)
    {
        var sequential = await room.JoinMany(o.SequentialBallots, o.JoinParallelism, firstIndex: 1_000_000);
        var warmUp = Math.Min(SinglePathWarmUp, sequential.Count / 4); // per path; at least half of the phones are timed
        var overHub = sequential.Take(warmUp).ToList();
        foreach (var p in overHub) await p.Connect(ct);
        foreach (var p in overHub) await p.Vote(0, ct, BallotPath.Hub);
        await Phones.DisposeAll(overHub);
        foreach (var p in sequential.Skip(warmUp).Take(warmUp)) await p.Vote(0, ct);
        var timed = sequential.Skip(2 * warmUp).ToList();
        var clock = Stopwatch.StartNew();
        foreach (var p in timed) await p.Vote(0, ct);
        var rate = timed.Count / clock.Elapsed.TotalSeconds;
        log.WriteLine($"s1: single path {rate:F0} ballots/s");
        return rate;
    }

    /// <summary>
    /// Before the first room: <see cref="LoadOptions.WarmUpPhones"/> phones in a room of their own vote all at once over
    /// the hub, then change their ballots all at once over HTTP (not measured). The storms then find the service warm, as
    /// it is after the first rounds of a conference: the paths only a storm takes (group commits of hundreds of ballots,
    /// the daemon's full pages, tallies to hundreds of phones) have passed the JIT's tiers. A cold first storm costs
    /// more CPU per ballot; ops/perf/README.md has the figure (`--warm-up 0`).
    /// </summary>
    private static async Task WarmUp(LoadOptions o, Service service, TextWriter log, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var room = await Room.Open(service, o, "Load S1 warm-up");
        var phones = await room.JoinMany(o.WarmUpPhones, o.JoinParallelism, firstIndex: 2_000_000);
        var notConnected = await Phones.ConnectAll(phones, o.ConnectParallelism, ct: ct);
        await Task.WhenAll(phones.Select(p => p.Vote(0, ct, p.Connected ? BallotPath.Hub : BallotPath.Http)));
        await Task.WhenAll(phones.Select(p => p.Vote(1, ct, BallotPath.Http)));
        await Phones.DisposeAll(phones);
        log.WriteLine($"s1: warm-up storm of {phones.Count} phones ({notConnected} not connected) over the hub and HTTP in {clock.Elapsed.TotalSeconds:F1} s");
    }

    /// <summary>A new open, live dot-voting round in the room, on the same proposals; the room as it votes in it.</summary>
    internal static async Task<Room> AnotherRound(Room room, CancellationToken ct, bool secret = true)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/cities/{room.City}/workshops/{room.WorkshopId}/rounds")
        {
            Content = JsonContent.Create(new
            {
                question = new[] { new { lang = "en", text = "And which should follow?" } },
                // The proposals the room was opened with: the live board that lists them is a projection and may not show them yet.
                options = room.Proposals,
                rules = new { method = "DOT", visibility = "LIVE", ballotsChangeable = true, secret, dotBudget = 5, maxDotsPerOption = 3 }
            })
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", room.StaffToken);
        using var response = await room.Service.Http.SendAsync(request, ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        if (!response.IsSuccessStatusCode) throw new ServiceException(response.StatusCode, null, $"open another round → {(int)response.StatusCode}: {text}");
        var value = JsonDocument.Parse(text).RootElement.GetProperty("value");
        return room with
        {
            RoundId = value.GetProperty("roundId").GetGuid(),
            Options = [.. value.GetProperty("options").EnumerateArray().Select(x => x.GetProperty("optionId").GetGuid())]
        };
    }

    /// <summary>GET with the room's staff token; the JSON answer.</summary>
    internal static async Task<JsonElement> Get(Room room, string path, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", room.StaffToken);
        using var response = await room.Service.Http.SendAsync(request, ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        if (!response.IsSuccessStatusCode) throw new ServiceException(response.StatusCode, null, $"GET {path} → {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement;
    }

    private static async Task<ScenarioResult> Storm(LoadOptions o, Room room, List<Phone> phones, BallotPath path, int variant, int earlier,
        ServerProbe probe, Baselines baselines, TextWriter log, CancellationToken ct)
    {
        var over = path == BallotPath.Hub ? "the hub" : "HTTP";
        var r = new ScenarioResult(Name(phones.Count, path), $"S1 ingest: {phones.Count} phones cast one ballot each, all at once, over {over}");
        r.Parameters["phones"] = phones.Count;
        r.Parameters["ballots"] = path.Name();
        r.Parameters["sequential_ballots"] = o.SequentialBallots;
        // A phone voting over HTTP holds its WebSocket and an HTTP connection: one descriptor per socket at each end. Where
        // the process may not open that many files (this sandbox: a hard limit of 20,000), the HTTP storm's phones do not
        // listen: its acknowledgements are measured, the tally on the phones only in the hub storm.
        var listen = path == BallotPath.Hub || FileLimit.Allow(2 * phones.Count);
        var notConnected = listen ? await Phones.ConnectAll(phones, o.ConnectParallelism, ct: ct) : 0;
        r.Errors += notConnected;
        r.Figure("phones_not_connected", notConnected);
        r.Parameters["phones_listening"] = listen;
        if (!listen)
            r.Notes.Add($"The phones did not listen on the hub during this storm: {2 * phones.Count:N0} sockets exceed this process's " +
                $"open-files limit ({FileLimit.Limit:N0}). Acknowledgements are measured; the tally on the phones is not.");

        r.Figure("idle_wait_before_storm_s", await probe.WaitIdle(o.QuietWait));
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
                var way = path == BallotPath.Hub && p.Connected ? BallotPath.Hub : BallotPath.Http;
                var (accepted, latency) = await p.Vote(variant, ct, way);
                if (way == BallotPath.Hub) Interlocked.Increment(ref overHub);
                acks[i] = (accepted.At, latency.TotalMilliseconds);
                ack.Add(latency);
            }
            catch (Exception e) when (e is ServiceException or HttpRequestException or TaskCanceledException
                or Microsoft.AspNetCore.SignalR.HubException or InvalidOperationException) { Interlocked.Increment(ref errors); }
        }).ToList();
        var clock = Stopwatch.StartNew();
        StormProfile.Enable();
        gate.SetResult();
        await Task.WhenAll(storm);
        var elapsed = clock.Elapsed.TotalSeconds;
        StormProfile.Disable();
        var afterStorm = await probe.Snapshot();
        r.Errors += errors;
        var acked = acks.Count(a => a is not null);
        var rate = acked / elapsed;
        r.Figure("acknowledged_ballots", acked);
        r.Figure("acknowledged_over_hub", overHub);
        r.Figure("storm_seconds", elapsed);
        r.Figure("ballots_per_s", rate);
        if (before is not null && afterStorm is not null && acked > 0)
        {
            // The service's CPU from just before the storm to its last acknowledgement, per acknowledged ballot.
            var cpuMs = (afterStorm.CpuSeconds - before.CpuSeconds) * 1000 / acked;
            r.Figure("service_cpu_ms_per_ballot", cpuMs);
            r.Check("S1 service CPU per ballot, ms (≤ 0.3)", cpuMs, 0.3, atLeast: false);
        }
        log.WriteLine($"s1 {phones.Count} over {over}: storm {acked} acknowledged in {elapsed:F2} s = {rate:F0}/s, {errors} errors");

        // Ballots of one group commit share its decision time `at`, and commits are serial: a tally counting at least
        // the ballots of every commit up to mine includes mine.
        var cumulative = new Dictionary<DateTimeOffset, int>();
        var total = earlier;
        foreach (var batch in acks.OfType<(DateTimeOffset At, double Ms)>().GroupBy(a => a.At).OrderBy(g => g.Key))
            cumulative[batch.Key] = total += batch.Count();
        r.Figure("group_commits", cumulative.Count);
        var listening = phones.Where(p => p.Connected).ToList();
        var allSeen = await Phones.Until(() => listening.All(p => p.Tallies.Any(t => t.Ballots >= total)), o.TallyWait);
        var after = await probe.Snapshot();
        ServerProbe.Record(r, before, after);
        // The same from just before the storm until every phone saw the tally counting every ballot: the work that trails
        // the last acknowledgement (the daemon loading the ballot events, the relay counting and pushing) included.
        if (before is not null && after is not null && acked > 0 && allSeen)
            r.Figure("service_cpu_ms_per_ballot_until_tally", (after.CpuSeconds - before.CpuSeconds) * 1000 / acked);

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
        r.Figure("lost_ballots", Math.Max(0, total - stored)); // acknowledged (earlier ones included) but not stored
        if (stored != total) r.Notes.Add($"Stored ballots {stored} ≠ acknowledged {total}.");
        if (!allSeen) r.Notes.Add($"Not every phone saw the final tally within {o.TallyWait.TotalSeconds:F0} s.");

        if (baselines.PgBench1 is { } pg1) r.Check("S1 ballots/s ÷ pgbench 1-client INSERT tps (≥ 0.25)", rate / pg1, 0.25, atLeast: true);
        if (baselines.PgBench8 is { } pg8) r.Figure("ratio_to_pgbench_8_clients", rate / pg8);
        if (phones.Count >= 10_000) r.Check($"S1 ack p99 at {phones.Count} phones, ms (≤ 3000)", ack.Summary.P99, 3000, atLeast: false);
        else r.Check($"S1 ack p99 at {phones.Count} phones, ms (≤ 1000)", ack.Summary.P99, 1000, atLeast: false);
        r.Check("S1 lost ballots (= 0)", Math.Max(0, total - stored), 0, atLeast: false);
        await Phones.DisposeAll(phones);
        return r;
    }
}
