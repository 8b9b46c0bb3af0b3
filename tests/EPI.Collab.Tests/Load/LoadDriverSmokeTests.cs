using EPI.Collab.Load;
using Xunit.Abstractions;

namespace EPI.Collab.Tests.Load;

/// <summary>
/// The load driver of ops/perf.sh, run in-process with small sizes against the test server, so it never rots:
/// every scenario runs, every acknowledged ballot is stored, every phone sees a tally, and the report is written.
/// </summary>
public sealed class LoadDriverSmokeTests(AppFixture app, ITestOutputHelper output) : IntegrationTest(app)
{
    [Fact]
    public async Task every_scenario_runs_small_and_writes_its_report()
    {
        var server = Environment.GetEnvironmentVariable("ConnectionStrings__Marten")!;
        var options = new LoadOptions
        {
            Url = App.BaseAddress, Postgres = server, Out = Path.Combine(Path.GetTempPath(), $"epi-load-smoke-{Guid.NewGuid():N}"),
            IngestSizes = [20, 30], SequentialBallots = 12, WarmUpPhones = 10, QuietWait = TimeSpan.Zero, FanOutPhones = 15, FanOutRate = 20, FanOutSeconds = 1.5, IdlePhones = 25,
            ReplayEvents = 2_000, StreamEvents = 300, PgBenchSeconds = 1, BareHubSeconds = 1, TallyWait = TimeSpan.FromSeconds(10),
            ReplayDatabase = $"epi_test_replay_{Guid.NewGuid():N}", ServiceDatabase = App.Database.Name, BoardEvents = 600, RoundBallots = 150,
            // Both storm paths at both sizes (issue #15): the hub's CastBallot and HTTP.
            BallotPaths = [BallotPath.Hub, BallotPath.Http]
        };
        var log = new StringWriter();
        try
        {
            var results = (await Driver.Run("all", options, log)).ToDictionary(r => r.Name);
            foreach (var r in results.Values) log.WriteLine($"{r.Name}: {r.Figures.GetValueOrDefault("scenario_seconds"):F1} s");

            results.Values.Sum(r => r.Errors).ShouldBe(0, log.ToString());
            foreach (var size in options.IngestSizes)
                foreach (var path in options.BallotPaths)
                {
                    var variant = results[Ingest.Name(size, path)];
                    var s1 = variant.Figures;
                    s1["acknowledged_ballots"].ShouldBe(size);
                    s1["acknowledged_over_hub"].ShouldBe(path == BallotPath.Hub ? size : 0);
                    // The first variant's round also holds the one-ballot-per-transaction ballots.
                    var earlier = size == options.IngestSizes[0] && path == options.BallotPaths[0] ? options.SequentialBallots : 0;
                    s1["stored_ballots"].ShouldBe(s1["acknowledged_ballots"] + earlier);
                    s1["lost_ballots"].ShouldBe(0);
                    s1["phones_without_tally"].ShouldBe(0);
                    s1["service_cpu_ms_per_ballot"].ShouldBeGreaterThan(0);
                    variant.Latencies.Single(l => l.Name.Contains("tally")).Count.ShouldBe(size);
                }
            results.Keys.Count(k => k.StartsWith("s1-ingest-")).ShouldBe(4);
            var s2 = results["s2-fanout"].Figures;
            s2["ballots_acknowledged"].ShouldBe(30);
            s2["ballots_without_visible_tally"].ShouldBe(0);
            results["s3-connections"].Figures["connected"].ShouldBe(25);
            results["s4-replay"].Figures["ballot_documents_after_rebuild"].ShouldBe(20);
            results["s4-replay"].Figures["daemon_page_query_events"].ShouldBe(2_000);
            results["s5-time-travel"].Targets.ShouldHaveSingleItem();
            var s5 = results["s5-as-of-board"];
            s5.Figures["latest_board_round_ballots"].ShouldBe(150);
            s5.Figures["board_stored_states"].ShouldBeGreaterThan(0);
            s5.Figures["tally_stored_states"].ShouldBeGreaterThan(0);
            s5.Targets.Count.ShouldBe(2);
            results["baseline-bare-hub"].Parameters["clients"].ShouldBe(options.FanOutPhones);
            foreach (var file in new[] { "results.json", "report.md", $"{Ingest.Name(30, BallotPath.Http)}.svg", "s2-fanout.svg", "s3-connections.svg" })
                File.Exists(Path.Combine(options.Out, file)).ShouldBeTrue(file);
            (await File.ReadAllTextAsync(Path.Combine(options.Out, "report.md"))).ShouldContain("| target | measured | bound | met |");
        }
        finally
        {
            output.WriteLine(log.ToString());
            await ReplayStore.Drop(server, options.ReplayDatabase);
            if (Directory.Exists(options.Out)) Directory.Delete(options.Out, recursive: true);
        }
    }
}
