using System.Diagnostics;
using Xunit.Abstractions;

namespace EPI.Collab.Tests.Infrastructure;

/// <summary>
/// Production loads the Wolverine endpoint types committed under src/EPI.Collab.Api/Internal/Generated
/// (TypeLoadMode.Static); every other environment, this suite included, compiles them at start-up. So nothing else
/// notices when a changed endpoint leaves the committed code behind: this test runs the service's own
/// <c>codegen write</c> (Production settings, no database) into a temporary folder and compares it file by file.
/// </summary>
[Trait(Lane.Name, Lane.Integration)]
public class GeneratedCodeTests(ITestOutputHelper output)
{
    private const string Regenerate = "The generated code is stale: run ./ops/codegen.sh and commit src/EPI.Collab.Api/Internal/Generated.";

    [Fact]
    public async Task the_committed_generated_code_is_what_the_current_endpoints_generate()
    {
        var api = Path.Combine(RepoRoot(), "src", "EPI.Collab.Api");
        var committed = Path.Combine(api, "Internal", "Generated");
        var fresh = Path.Combine(Path.GetTempPath(), $"epi-codegen-{Guid.NewGuid():N}");
        try
        {
            var (exitCode, log) = await WriteGeneratedCode(api, fresh);
            output.WriteLine(log);
            exitCode.ShouldBe(0, "codegen write failed:\n" + log);

            var expected = Files(fresh);
            expected.Keys.ShouldNotBeEmpty("codegen write produced no file:\n" + log);
            var actual = Directory.Exists(committed) ? Files(committed) : [];
            var missing = expected.Keys.Except(actual.Keys).Order().ToList();
            var extra = actual.Keys.Except(expected.Keys).Order().ToList();
            var changed = expected.Keys.Intersect(actual.Keys).Where(k => expected[k] != actual[k]).Order().ToList();

            var problems = missing.Select(f => $"missing: {f}").Concat(extra.Select(f => $"no longer generated: {f}"))
                .Concat(changed.Select(f => $"differs: {f}")).ToList();
            problems.ShouldBeEmpty(Regenerate);
        }
        finally
        {
            if (Directory.Exists(fresh)) Directory.Delete(fresh, recursive: true);
        }
    }

    /// <summary>Relative path → text with Unix line ends (a checkout on Windows may convert them).</summary>
    private static Dictionary<string, string> Files(string root) =>
        Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(root, f).Replace('\\', '/'), f => File.ReadAllText(f).ReplaceLineEndings("\n"));

    /// <summary>The service binary next to the tests (the same build), with ops/codegen.sh's settings.</summary>
    private static async Task<(int ExitCode, string Log)> WriteGeneratedCode(string api, string outputPath)
    {
        var dll = typeof(Program).Assembly.Location;
        var start = new ProcessStartInfo("dotnet", [dll, "codegen", "write"])
        {
            WorkingDirectory = api, // the content root: appsettings.json
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Auth__SigningKey"] = "codegen-signing-key-never-used-0123456789";
        start.Environment["ConnectionStrings__Marten"] = "Host=127.0.0.1;Port=1;Database=codegen;Username=codegen";
        start.Environment["Codegen__OutputPath"] = outputPath;
        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "EPI.Collab.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("EPI.Collab.sln not found above the test binaries.");
    }
}
