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
            IngestPhones = 20, SequentialBallots = 12, FanOutPhones = 15, FanOutRate = 20, FanOutSeconds = 1.5, IdlePhones = 25,
            ReplayEvents = 2_000, StreamEvents = 300, PgBenchSeconds = 1, BareHubSeconds = 1, TallyWait = TimeSpan.FromSeconds(10),
            ReplayDatabase = $"epi_test_replay_{Guid.NewGuid():N}",
            // The storm over the hub (issue #15); S1's single path and S2 still vote over HTTP, so both paths run here.
            Ballots = BallotPath.Hub
        };
        var log = new StringWriter();
        try
        {
            var results = (await Driver.Run("all", options, log)).ToDictionary(r => r.Name);
            foreach (var r in results.Values) log.WriteLine($"{r.Name}: {r.Figures.GetValueOrDefault("scenario_seconds"):F1} s");

            results.Values.Sum(r => r.Errors).ShouldBe(0, log.ToString());
            var s1 = results["s1-ingest"].Figures;
            s1["acknowledged_ballots"].ShouldBe(20);
            s1["acknowledged_over_hub"].ShouldBe(20);
            s1["stored_ballots"].ShouldBe(s1["acknowledged_ballots"] + options.SequentialBallots);
            s1["phones_without_tally"].ShouldBe(0);
            results["s1-ingest"].Latencies.Single(l => l.Name.Contains("tally")).Count.ShouldBe(20);
            var s2 = results["s2-fanout"].Figures;
            s2["ballots_acknowledged"].ShouldBe(30);
            s2["ballots_without_visible_tally"].ShouldBe(0);
            results["s3-connections"].Figures["connected"].ShouldBe(25);
            results["s4-replay"].Figures["ballot_documents_after_rebuild"].ShouldBe(20);
            results["s5-time-travel"].Targets.ShouldHaveSingleItem();
            foreach (var file in new[] { "results.json", "report.md", "s1-ingest.svg", "s2-fanout.svg", "s3-connections.svg" })
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
