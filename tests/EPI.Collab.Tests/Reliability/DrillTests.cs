using EPI.Collab.Chaos;
using Xunit.Abstractions;

namespace EPI.Collab.Tests.Reliability;

[CollectionDefinition(Name)]
public sealed class DrillCollection
{
    /// <summary>The drills start service processes of their own; one at a time keeps the CPU for the rest of the suite.</summary>
    public const string Name = "drills";
}

/// <summary>
/// The reduced drills of ops/chaos.sh against real service processes built in this configuration: a few kill -9s and a
/// PostgreSQL restart during a ballot storm, and two nodes behind a proxy with the Redis backplane.
/// </summary>
[Trait(Lane.Name, Lane.Drills)]
[Collection(DrillCollection.Name)]
public class DrillTests(ITestOutputHelper output)
{
    private void Log(string line) => output.WriteLine($"[{DateTime.UtcNow:HH:mm:ss}] {line}");

    private static void ShouldHavePassed(DrillReport report) =>
        report.Passed.ShouldBeTrue(ChaosMain.Markdown([report]));

    [Fact]
    public async Task acknowledged_ballots_survive_kill_9_of_the_service_and_a_postgresql_restart_exactly_once()
    {
        var layout = Layout.Find();
        var report = await CrashDrill.Run(layout, new CrashOptions(Kills: 3, PostgresRestarts: 1, Rounds: 2, Workers: 4, AcksBetween: 15,
            Fsync: false), Log);
        output.WriteLine(ChaosMain.Markdown([report]));
        ShouldHavePassed(report);
    }

    [Fact]
    public async Task two_nodes_share_pushes_through_redis_and_phones_of_a_killed_node_move_and_catch_up()
    {
        var layout = Layout.Find();
        var report = await ScaleOutDrill.Run(layout, new ScaleOutOptions(Phones: 4, Workers: 2, AcksAroundKill: 20), Log);
        output.WriteLine(ChaosMain.Markdown([report]));
        ShouldHavePassed(report);
    }
}
