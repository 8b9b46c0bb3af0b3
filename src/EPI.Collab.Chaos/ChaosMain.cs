using System.Text;

namespace EPI.Collab.Chaos;

/// <summary>
/// <c>EPI.Collab.Chaos crash|scaleout|all [--kills N] [--pg-restarts N] [--workers N] [--rounds N] [--report FILE] [--out DIR]</c>
/// (ops/chaos.sh). Exits 1 when a check fails.
/// </summary>
public static class ChaosMain
{
    public static async Task<int> Main(string[] args)
    {
        string Arg(string name, string fallback) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault() ?? fallback;
        var mode = args.FirstOrDefault() ?? "all";
        var layout = Layout.Find(Arg("--out", Path.Combine(Path.GetTempPath(), "epi-chaos")));
        void Log(string line) => Console.WriteLine($"[{DateTime.UtcNow:HH:mm:ss}] {line}");
        Log($"logs and raw outputs in {layout.OutDir}");
        var reports = new List<DrillReport>();
        if (mode is "crash" or "all")
            reports.Add(await CrashDrill.Run(layout, new CrashOptions(
                Kills: int.Parse(Arg("--kills", "20")), PostgresRestarts: int.Parse(Arg("--pg-restarts", "5")),
                Rounds: int.Parse(Arg("--rounds", "3")), Workers: int.Parse(Arg("--workers", "12"))), Log));
        if (mode is "scaleout" or "all")
            reports.Add(await ScaleOutDrill.Run(layout, new ScaleOutOptions(), Log));
        var markdown = Markdown(reports);
        Console.WriteLine(markdown);
        await File.WriteAllTextAsync(Path.Combine(layout.OutDir, "report.md"), markdown);
        if (args.Contains("--report")) await File.WriteAllTextAsync(Arg("--report", "report.md"), markdown);
        return reports.All(r => r.Passed) ? 0 : 1;
    }

    public static string Markdown(IEnumerable<DrillReport> reports)
    {
        var md = new StringBuilder();
        foreach (var report in reports)
        {
            md.AppendLine($"### {report.Title}: {(report.Passed ? "passed" : "FAILED")}").AppendLine();
            md.AppendLine("| figure | value |").AppendLine("|---|---|");
            foreach (var (figure, value) in report.Figures) md.AppendLine($"| {figure} | {value} |");
            md.AppendLine().AppendLine("| check | holds | detail |").AppendLine("|---|---|---|");
            foreach (var check in report.Checks) md.AppendLine($"| {check.Name} | {(check.Holds ? "yes" : "**NO**")} | {check.Detail.Replace("|", "/")} |");
            md.AppendLine();
        }
        return md.ToString();
    }
}
