using System.Diagnostics;
using System.Text.Json.Nodes;

namespace EPI.Collab.Chaos;

public sealed record ScaleOutOptions(int Phones = 6, int Workers = 4, int AcksAroundKill = 60);

/// <summary>
/// Two service nodes on one PostgreSQL behind the proxy, SignalR over the Redis backplane, the async daemon hot/cold.
/// A phone on one node sees a ballot cast through the other; then node A is killed during a storm: its phones reconnect
/// through the proxy to node B, catch up through the feed, and nothing acknowledged is lost.
/// </summary>
public static class ScaleOutDrill
{
    public static async Task<DrillReport> Run(Layout layout, ScaleOutOptions options, Action<string> log)
    {
        var total = Stopwatch.StartNew();
        await using var redis = new RedisServer();
        await redis.Start();
        await using var cluster = new PrivateCluster(layout, fsync: false);
        await cluster.Start();
        var env = new Dictionary<string, string?>
        {
            ["ScaleOut__Daemon"] = "HotCold", ["ScaleOut__Durability"] = "Balanced", ["SignalR__Redis"] = redis.Configuration
        };
        await using var a = new ServiceNode(layout, "node-a", cluster.ConnectionString, env);
        await using var b = new ServiceNode(layout, "node-b", cluster.ConnectionString, env);
        a.Start();
        await a.WaitReady(TimeSpan.FromMinutes(2));
        b.Start();
        await b.WaitReady(TimeSpan.FromMinutes(2));
        await using var proxy = new Proxy();
        await proxy.Start(a.Url, b.Url);
        var api = new Api(proxy.Url);
        var room = await api.OpenRoom(2);
        var checks = new List<Check>();
        var ledger = new System.Collections.Concurrent.ConcurrentDictionary<string, Ack>();

        // 1. Across nodes: a phone on A sees a ballot cast on B, and the other way round.
        var crossLatencies = new List<(TimeSpan Acknowledged, TimeSpan Pushed)>();
        foreach (var (phoneNode, castNode) in new[] { (a, b), (b, a) })
        {
            await Checks.SubscriptionsReachHead(cluster.ConnectionString); // nothing earlier is still on its way
            await using var phone = new Phone(phoneNode.Url, await api.JoinPhone(room), room);
            await phone.Connect();
            await phone.CatchUp();
            var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var watch = new Stopwatch();
            var pushed = TimeSpan.Zero;
            phone.Applied += (m, viaPush) =>
            {
                if (!viaPush || m.Type is not ("round.counted" or "round.tallied") || seen.Task.IsCompleted) return;
                pushed = watch.Elapsed;
                seen.TrySetResult();
            };
            var storm = new BallotStorm(() => castNode.Url, room, 1);
            watch.Start();
            storm.Start();
            await storm.WaitForMore(1, TimeSpan.FromSeconds(60));
            var acknowledged = watch.Elapsed;
            await storm.Drain(TimeSpan.FromSeconds(60));
            var held = await Task.WhenAny(seen.Task, Task.Delay(TimeSpan.FromSeconds(30))) == seen.Task;
            crossLatencies.Add((acknowledged, pushed));
            checks.Add(new Check($"a phone on {phoneNode.Name} sees (SignalR) a ballot cast through {castNode.Name}", held,
                $"ballot acknowledged after {acknowledged.TotalMilliseconds:F0} ms, pushed to the phone after {pushed.TotalMilliseconds:F0} ms"));
            foreach (var ack in storm.Ledger.Values) ledger[ack.Key] = ack;
        }

        // 2. Failover: phones spread over both nodes by the proxy; node A dies mid-storm.
        var tokens = new List<string>();
        for (var i = 0; i < options.Phones; i++) tokens.Add(await api.JoinPhone(room));
        var phones = tokens.Select(t => new Phone(proxy.Url, t, room)).ToList();
        foreach (var phone in phones) await phone.Connect(); // one after another: round robin puts every other phone on A
        foreach (var phone in phones) await phone.CatchUp();
        var assisted = new BallotStorm(() => proxy.Url, room, options.Workers);
        var votes = new BallotStorm(() => proxy.Url, room, options.Phones, w => tokens[w]);
        assisted.Start();
        await assisted.WaitForMore(options.AcksAroundKill / 2, TimeSpan.FromMinutes(1));
        votes.Start();
        var locksBefore = await Checks.AdvisoryLocksByNode(cluster.ConnectionString);
        a.Kill();
        var killedAt = Stopwatch.StartNew();
        log($"node A killed with {assisted.Count} assisted ballots acknowledged");
        await assisted.WaitForMore(options.AcksAroundKill / 2, TimeSpan.FromMinutes(2));
        var firstAfterKill = killedAt.Elapsed;
        await assisted.Drain(TimeSpan.FromMinutes(2));
        await votes.Drain(TimeSpan.FromMinutes(2));
        foreach (var ack in assisted.Ledger.Values.Concat(votes.Ledger.Values)) ledger[ack.Key] = ack;

        await Checks.SubscriptionsReachHead(cluster.ConnectionString);
        var locksAfter = await Checks.AdvisoryLocksByNode(cluster.ConnectionString);
        var feedHead = (await api.Feed(room)).Count;
        var watchPhones = Stopwatch.StartNew();
        while (phones.Any(p => p.Last < feedHead) && watchPhones.Elapsed < TimeSpan.FromSeconds(60))
        {
            await Task.Delay(250);
            if (watchPhones.Elapsed > TimeSpan.FromSeconds(5)) foreach (var p in phones.Where(p => p.Last < feedHead)) await p.CatchUp();
        }
        var moved = phones.Count(p => p.Reconnects > 0);
        checks.Add(new Check("the phones of node A reconnected through the proxy (to node B)", moved > 0 && moved < phones.Count,
            $"{moved} of {phones.Count} phones reconnected"));
        checks.Add(new Check("every phone reached the head of the feed, in position order, nothing lost",
            phones.All(p => p.Last == feedHead),
            $"feed head {feedHead}; phones at {string.Join(", ", phones.Select(p => p.Last))}; pushed {phones.Sum(p => p.Pushed)}, caught up over HTTP {phones.Sum(p => p.CaughtUp)}"));
        checks.Add(new Check("no ballot was refused or given up by a client",
            assisted.Problems.Count + votes.Problems.Count == 0, string.Join("; ", assisted.Problems.Concat(votes.Problems).Take(5))));
        checks.AddRange(await Checks.Run(api, room, ledger.Values.ToList(), cluster.ConnectionString));
        foreach (var phone in phones) await phone.DisposeAsync();
        return new DrillReport("Scale-out on two nodes", [
            ("nodes / proxy / backplane", "2 service processes / YARP round robin with /health/ready checks / redis-server"),
            ("daemon and durability", "ScaleOut:Daemon=HotCold, ScaleOut:Durability=Balanced"),
            ("cross-node, first ballot sent → acknowledged → seen by the phone on the other node (A←B; B←A)",
                string.Join("; ", crossLatencies.Select(l => $"{l.Acknowledged.TotalMilliseconds:F0} ms → {l.Pushed.TotalMilliseconds:F0} ms"))),
            ("ballots acknowledged (assisted + phones)", ledger.Count.ToString()),
            ("retries with the same Idempotency-Key", (assisted.Retries + votes.Retries).ToString()),
            ("node A killed → ballots acknowledged again", $"{firstAfterKill.TotalSeconds:F1} s (until {options.AcksAroundKill / 2} more)"),
            ("phones moved from A to B", $"{moved} of {phones.Count}"),
            ("advisory locks held (daemon leadership, Wolverine agents) before / after the kill", $"{locksBefore} / {locksAfter}"),
            ("duration", $"{total.Elapsed.TotalSeconds:F0} s")
        ], checks);
    }
}
