using System.Diagnostics;
using System.Text.Json;
using Xunit.Abstractions;

namespace EPI.Collab.Tests.Infrastructure;

/// <summary>
/// The served OpenAPI document passes a third-party linter: Redocly CLI (npm <c>@redocly/cli</c>, a devDependency of
/// src/EPI.Collab.Web, installed by ops/web.sh which ops/test.sh runs first) with its <c>recommended</c> ruleset,
/// 0 errors and 0 warnings. ops/lint-openapi.sh runs the same lint against a running service.
/// </summary>
public class OpenApiLintTests(AppFixture app, ITestOutputHelper output) : IntegrationTest(app)
{
    [Fact]
    public async Task the_served_openapi_document_passes_the_redocly_recommended_rules_without_errors_or_warnings()
    {
        var file = Path.Combine(Path.GetTempPath(), $"epi-openapi-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, await App.Client().GetStringAsync("/openapi/v1.json"));
        try
        {
            var (exitCode, stdout, stderr) = await Lint(file);
            output.WriteLine(stdout);
            output.WriteLine(stderr);
            using var report = JsonDocument.Parse(stdout[stdout.IndexOf('{')..]);
            var problems = report.RootElement.GetProperty("problems").EnumerateArray()
                .Select(p => $"{p.GetProperty("severity").GetString()} {p.GetProperty("ruleId").GetString()}: {p.GetProperty("message").GetString()} " +
                             $"at {p.GetProperty("location")[0].GetProperty("pointer").GetString()}")
                .ToList();

            problems.ShouldBeEmpty();
            report.RootElement.GetProperty("totals").GetProperty("errors").GetInt32().ShouldBe(0);
            report.RootElement.GetProperty("totals").GetProperty("warnings").GetInt32().ShouldBe(0);
            exitCode.ShouldBe(0);
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static async Task<(int ExitCode, string Stdout, string Stderr)> Lint(string file)
    {
        var web = Path.Combine(RepoRoot(), "src", "EPI.Collab.Web");
        File.Exists(Path.Combine(web, "node_modules", ".bin", "redocly"))
            .ShouldBeTrue("Redocly CLI is missing: run ./ops/web.sh (npm ci in src/EPI.Collab.Web), as ./ops/test.sh does.");
        var start = new ProcessStartInfo("npx", ["--no-install", "redocly", "lint", "--extends=recommended", "--format=json", file])
        {
            WorkingDirectory = web,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["REDOCLY_TELEMETRY"] = "off", ["REDOCLY_SUPPRESS_UPDATE_NOTICE"] = "true", ["NO_COLOR"] = "1" }
        };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "EPI.Collab.sln"))) return dir.FullName;
        throw new InvalidOperationException("EPI.Collab.sln not found above " + AppContext.BaseDirectory);
    }
}
