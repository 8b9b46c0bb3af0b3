using System.Diagnostics;

namespace EPI.Collab.Chaos;

public sealed record CrashOptions(int Kills = 20, int PostgresRestarts = 5, int Rounds = 3, int Workers = 12, int AcksBetween = 40,
    bool Fsync = true);

public sealed record DrillReport(string Title, IReadOnlyList<(string Figure, string Value)> Figures, IReadOnlyList<Check> Checks)
{
    public bool Passed => Checks.All(c => c.Holds);
}

/// <summary>
/// A ballot storm against one service process while the drill kill -9s the service and restarts PostgreSQL
/// (alternately a fast shutdown and a kill -9 of the postmaster, i.e. crash recovery). The service is never restarted
/// for a PostgreSQL restart: it has to recover by itself. Between two blows the storm must get more ballots acknowledged.
/// </summary>
public static class CrashDrill
{
    public static async Task<DrillReport> Run(Layout layout, CrashOptions options, Action<string> log)
    {
        var total = Stopwatch.StartNew();
        await using var cluster = new PrivateCluster(layout, options.Fsync);
        await cluster.Start();
        await using var node = new ServiceNode(layout, "crash-node", cluster.ConnectionString);
        node.Start();
        var restarts = new List<TimeSpan> { await node.WaitReady(TimeSpan.FromMinutes(2)) };
        var api = new Api(node.Url);
        var room = await api.OpenRoom(options.Rounds);
        var storm = new BallotStorm(() => node.Url, room, options.Workers);
        storm.Start();
        await storm.WaitForMore(options.AcksBetween, TimeSpan.FromMinutes(2));

        var pgRecoveries = new List<TimeSpan>();
        var every = Math.Max(1, options.Kills / Math.Max(1, options.PostgresRestarts));
        var (kills, pgRestarts) = (0, 0);
        while (kills < options.Kills || pgRestarts < options.PostgresRestarts)
        {
            if (kills < options.Kills)
            {
                await Task.Delay(Random.Shared.Next(0, 400));
                node.Kill();
                kills++;
                node.Start();
                restarts.Add(await node.WaitReady(TimeSpan.FromMinutes(2)));
                await storm.WaitForMore(options.AcksBetween, TimeSpan.FromMinutes(2));
                log($"kill -9 #{kills}: back in {restarts[^1].TotalSeconds:F1} s; {storm.Count} ballots acknowledged");
            }
            if (pgRestarts < options.PostgresRestarts && (kills % every == 0 || kills >= options.Kills))
            {
                if (pgRestarts % 2 == 0) await cluster.Stop(); else await cluster.KillPostmaster();
                await Task.Delay(500);
                await cluster.Start();
                pgRestarts++;
                var watch = Stopwatch.StartNew();
                await storm.WaitForMore(options.AcksBetween, TimeSpan.FromMinutes(2));
                pgRecoveries.Add(watch.Elapsed);
                log($"PostgreSQL {(pgRestarts % 2 == 1 ? "stopped" : "killed (-9)")} and started #{pgRestarts}: ballots acknowledged again after " +
                    $"{watch.Elapsed.TotalSeconds:F1} s; {storm.Count} ballots acknowledged");
            }
        }
        await storm.Drain(TimeSpan.FromMinutes(4));
        await node.WaitReady(TimeSpan.FromMinutes(1));
        var checks = await Checks.Run(api, room, storm.Ledger.Values.ToList(), cluster.ConnectionString);
        checks.Insert(0, new Check("no ballot was refused or given up by a client, and every replay answered the same ballot",
            storm.Problems.Count == 0, storm.Problems.Count == 0 ? $"{storm.ReplaysChecked} replays checked" : string.Join("; ", storm.Problems.Take(5))));
        return new DrillReport("Crash durability", [
            ("service kill -9 cycles survived", kills.ToString()),
            ("PostgreSQL restarts survived (fast stop / kill -9 of the postmaster)", $"{pgRestarts} ({(pgRestarts + 1) / 2} / {pgRestarts / 2})"),
            ("ballots acknowledged (client ledger)", storm.Count.ToString()),
            ("ballot requests sent (with retries and replays)", storm.Attempts.ToString()),
            ("retries with the same Idempotency-Key", storm.Retries.ToString()),
            ("replays checked (same ballot, Idempotent-Replayed)", storm.ReplaysChecked.ToString()),
            ("rounds / client workers", $"{options.Rounds} / {options.Workers}"),
            ("service restart → ready (median / max)", $"{Median(restarts):F1} s / {restarts.Max().TotalSeconds:F1} s"),
            ("PostgreSQL back → ballots acknowledged again (median / max)", pgRecoveries.Count == 0 ? "-" : $"{Median(pgRecoveries):F1} s / {pgRecoveries.Max().TotalSeconds:F1} s"),
            ("PostgreSQL fsync", options.Fsync ? "on" : "off"),
            ("duration", $"{total.Elapsed.TotalSeconds:F0} s")
        ], checks);
    }

    public static double Median(IEnumerable<TimeSpan> values) =>
        values.Select(v => v.TotalSeconds).Order().ToList() is { Count: > 0 } l ? l[l.Count / 2] : 0;
}
