using System.Text.RegularExpressions;

namespace EPI.Collab.Tests.Infrastructure;

/// <summary>
/// Dependencies point one way: Features → Infrastructure, Realtime → Features/Live, never back. Read from the sources
/// (a namespace is named in a using or a qualified name), so a new file that breaks the direction fails here.
/// </summary>
[Trait(Lane.Name, Lane.Unit)]
public partial class DependencyTests
{
    private static readonly string Api = Path.Combine(RepoRoot(), "src", "EPI.Collab.Api");

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "EPI.Collab.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("EPI.Collab.sln not found above the test binaries.");
    }

    private static IEnumerable<(string File, string Line)> Naming(string folder, Regex pattern) =>
        Directory.EnumerateFiles(Path.Combine(Api, folder), "*.cs", SearchOption.AllDirectories)
            .SelectMany(file => File.ReadLines(file).Select(line => (File: Path.GetRelativePath(Api, file), Line: line.Trim())))
            .Where(l => !l.Line.StartsWith("//", StringComparison.Ordinal) && pattern.IsMatch(l.Line));

    [GeneratedRegex(@"EPI\.Collab\.Api\.(Features|Realtime)\b|(?<![\w.)>])(Features|Realtime)\.[A-Z]")]
    private static partial Regex FeatureOrRealtime();

    [GeneratedRegex(@"\b(EPI\.Collab\.Api\.)?Realtime\b")]
    private static partial Regex RealtimeNamespace();

    [Fact]
    public void no_file_in_infrastructure_names_a_feature_or_the_hub()
    {
        // ASP.NET Core's own features (server.Features.Get<…>()) are not ours: a member access is not a namespace.
        Naming("Infrastructure", FeatureOrRealtime()).Where(l => !l.Line.Contains("Http.Features") && !l.Line.Contains("Server.Features"))
            .Select(l => $"{l.File}: {l.Line}").ShouldBeEmpty();
    }

    [Fact]
    public void no_feature_names_the_hub_it_pushes_through()
    {
        Naming("Features", RealtimeNamespace()).Where(l => l.Line.StartsWith("using", StringComparison.Ordinal) || l.Line.Contains("Realtime."))
            .Where(l => !l.Line.Contains("\"Realtime:", StringComparison.Ordinal))
            .Select(l => $"{l.File}: {l.Line}").ShouldBeEmpty();
    }
}
