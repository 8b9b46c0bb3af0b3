using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;

namespace EPI.Collab.Load;

/// <summary>
/// S2: N phones in one workshop while ballots arrive at a steady rate (phones change their ballots) for a while.
/// Measures "ballot committed → tally visible on the phone that cast it" (which includes the relay's recount
/// interval) and the fan-out part alone (tally counted → received), against a bare hub broadcasting the same payload.
/// </summary>
public static class FanOut
{
    public static async Task<(ScenarioResult Result, JsonElement? Payload, double TalliesPerSecond)> Run(LoadOptions o, Service service,
        ServerProbe probe, TextWriter log, CancellationToken ct = default)
    {
        var r = new ScenarioResult("s2-fanout", $"S2 fan-out: {o.FanOutPhones} phones, {o.FanOutRate} ballots/s for {o.FanOutSeconds} s");
        r.Parameters["phones"] = o.FanOutPhones;
        r.Parameters["ballots_per_s"] = o.FanOutRate;
        r.Parameters["seconds"] = o.FanOutSeconds;
        r.Parameters["ballots_over"] = o.FanOutPath.Name();
        var room = await Room.Open(service, o, "Load S2 fan-out");
        var phones = await room.JoinMany(o.FanOutPhones, o.JoinParallelism);
        log.WriteLine($"s2: {phones.Count} phones joined; connecting");
        var notConnected = await Phones.ConnectAll(phones, o.ConnectParallelism, ct: ct);
        r.Errors += notConnected;
        r.Figure("phones_not_connected", notConnected);
        log.WriteLine($"s2: {phones.Count - notConnected} connected; ballots at {o.FanOutRate}/s for {o.FanOutSeconds} s");

        TallyGlance.Forget();
        var pushed = r.Latency("tally counted → received (fan-out)");
        foreach (var p in phones) p.Tallied += t => pushed.Add(t.Received - t.At);
        var ack = r.Latency("ack after commit");
        var acks = new ConcurrentBag<(Phone Phone, DateTimeOffset DecidedAt, DateTimeOffset AckedAt)>();
        var errors = 0;
        var count = (int)(o.FanOutRate * o.FanOutSeconds);
        var before = await probe.Snapshot();
        var started = DateTime.UtcNow;
        var sent = new List<Task>(count);
        for (var n = 0; n < count; n++)
        {
            var due = started + TimeSpan.FromSeconds(n / o.FanOutRate) - DateTime.UtcNow;
            if (due > TimeSpan.Zero) await Task.Delay(due, ct);
            var phone = phones[n % phones.Count];
            var variant = n / phones.Count;
            sent.Add(Task.Run(async () =>
            {
                try
                {
                    var (accepted, latency) = await phone.Vote(variant, ct, o.FanOutPath);
                    ack.Add(latency);
                    acks.Add((phone, accepted.At, DateTimeOffset.UtcNow));
                }
                catch (Exception e) when (e is ServiceException or HttpRequestException or TaskCanceledException) { Interlocked.Increment(ref errors); }
            }, ct));
        }
        await Task.WhenAll(sent);
        var elapsed = (DateTime.UtcNow - started).TotalSeconds;
        r.Errors += errors;
        r.Figure("ballots_sent", count);
        r.Figure("ballots_acknowledged", acks.Count);
        r.Figure("achieved_ballots_per_s", acks.Count / elapsed);

        // A tally counted after this phone had its acknowledgement includes its ballot (commits precede answers).
        var lastAck = acks.Max(a => a.AckedAt);
        var allSeen = await Phones.Until(() => phones.Where(p => p.Connected).All(p => p.Tallies.Any(t => t.At >= lastAck)), o.TallyWait);
        if (!allSeen) r.Notes.Add($"Not every phone saw a tally counted after the last acknowledgement within {o.TallyWait.TotalSeconds:F0} s.");
        var after = await probe.Snapshot();
        ServerProbe.Record(r, before, after);
        var visible = r.Latency("committed → tally on phone");
        var missing = 0;
        foreach (var (phone, decided, acked) in acks.Where(a => a.Phone.Connected))
        {
            var seen = phone.Tallies.Where(t => t.At >= acked).Select(t => (DateTimeOffset?)t.Received).Min();
            if (seen is { } at) visible.Add(at - decided);
            else missing++;
        }
        r.Figure("ballots_without_visible_tally", missing);
        var tallies = phones.First(p => p.Connected).Tallies;
        var talliesPerSecond = tallies.Count / Math.Max(1, (tallies.Max(t => t.At) - tallies.Min(t => t.At)).TotalSeconds);
        r.Figure("tallies_per_s_per_phone", talliesPerSecond);
        r.Figure("tally_messages_received", pushed.Count);
        var payload = TallyGlance.Sample;
        r.Notes.Add("\"committed → tally on phone\" runs from the ballot's group-commit decision time to the first tally that phone received " +
                    "which was counted after the ballot's acknowledgement; it includes LiveRelay's 250 ms recount interval and the daemon's polling.");
        await Phones.DisposeAll(phones);
        return (r, payload, talliesPerSecond);
    }

    public static void Compare(ScenarioResult s2, Baselines baselines)
    {
        var visible = s2.Latencies.First(l => l.Name == "committed → tally on phone").Summary;
        var pushed = s2.Latencies.First(l => l.Name.StartsWith("tally counted")).Summary;
        s2.Check("S2 p99 committed → tally on phone, ms (< 1000)", visible.P99, 1000, atLeast: false);
        if (baselines.BareHub is not { Count: > 0 } bare) return;
        s2.Check("S2 p99 committed → tally ÷ bare-hub p99 (≤ 2)", visible.P99 / Math.Max(bare.P99, 0.001), 2, atLeast: false);
        s2.Check("S2 p99 fan-out (counted → received) ÷ bare-hub p99 (≤ 2)", pushed.P99 / Math.Max(bare.P99, 0.001), 2, atLeast: false);
    }
}
