using System.Globalization;
using System.Text;
using System.Text.Json;

namespace EPI.Collab.Load;

/// <summary>Writes a run as results.json, report.md and one SVG chart of latency distributions per scenario.</summary>
public static class Report
{
    private static readonly string[] Colors = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b"];

    public static async Task Write(string dir, IReadOnlyList<ScenarioResult> results, IReadOnlyDictionary<string, string> run)
    {
        Directory.CreateDirectory(dir);
        var json = new
        {
            run,
            scenarios = results.Select(r => new
            {
                r.Name, r.Title, r.Parameters, r.Figures, r.Errors, r.Notes, r.Targets,
                latencies = r.Latencies.ToDictionary(l => l.Name, l => l.Summary)
            })
        };
        await File.WriteAllTextAsync(Path.Combine(dir, "results.json"),
            JsonSerializer.Serialize(json, new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true }));
        foreach (var r in results.Where(r => r.Latencies.Any(l => l.Count > 0)))
            await File.WriteAllTextAsync(Path.Combine(dir, $"{r.Name}.svg"), Chart(r));
        await File.WriteAllTextAsync(Path.Combine(dir, "report.md"), Markdown(results, run));
    }

    public static string Markdown(IReadOnlyList<ScenarioResult> results, IReadOnlyDictionary<string, string> run)
    {
        var md = new StringBuilder("# Load run\n\n");
        foreach (var (k, v) in run) md.Append($"- {k}: {v}\n");
        md.Append("\n## Targets\n\n| target | measured | bound | met |\n|---|---:|---:|---|\n");
        foreach (var t in results.SelectMany(r => r.Targets))
            md.Append($"| {t.Name} | {N(t.Value)} | {t.Relation} {N(t.Bound)} | {(t.Met ? "yes" : "**no**")} |\n");
        foreach (var r in results)
        {
            md.Append($"\n## {r.Title}\n\n");
            if (r.Parameters.Count > 0) md.Append("Parameters: ").AppendJoin(", ", r.Parameters.Select(p => $"{p.Key}={p.Value}")).Append("\n\n");
            if (r.Latencies.Count > 0)
            {
                md.Append("| latency (ms) | n | p50 | p95 | p99 | max |\n|---|---:|---:|---:|---:|---:|\n");
                foreach (var l in r.Latencies)
                {
                    var s = l.Summary;
                    md.Append($"| {l.Name} | {s.Count} | {N(s.P50)} | {N(s.P95)} | {N(s.P99)} | {N(s.Max)} |\n");
                }
                md.Append('\n');
            }
            md.Append("| figure | value |\n|---|---:|\n");
            foreach (var (k, v) in r.Figures) md.Append($"| {k} | {N(v)} |\n");
            md.Append($"| errors | {r.Errors} |\n");
            foreach (var note in r.Notes) md.Append($"\n> {note}\n");
            if (r.Latencies.Any(l => l.Count > 0)) md.Append($"\n![{r.Name}]({r.Name}.svg)\n");
        }
        return md.ToString();
    }

    private static string N(double v) => v.ToString(Math.Abs(v) >= 100 ? "N0" : "0.###", CultureInfo.InvariantCulture);

    /// <summary>Cumulative distribution (share of samples ≤ x ms) of every series, x up to the largest p99.</summary>
    public static string Chart(ScenarioResult r)
    {
        const int w = 760, h = 380, left = 60, right = 20, top = 30, bottom = 90;
        var series = r.Latencies.Where(l => l.Count > 0).ToList();
        var xMax = Math.Max(1, series.Max(s => s.Summary.P99) * 1.1);
        double X(double ms) => left + Math.Min(ms, xMax) / xMax * (w - left - right);
        double Y(double share) => top + (1 - share) * (h - top - bottom);
        var svg = new StringBuilder($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\" font-family=\"sans-serif\" font-size=\"11\">\n");
        svg.Append($"<rect width=\"{w}\" height=\"{h}\" fill=\"white\"/>\n<text x=\"{left}\" y=\"18\" font-size=\"13\">{Escape(r.Title)}: latency CDF (ms)</text>\n");
        for (var i = 0; i <= 4; i++)
        {
            var y = Y(i / 4.0);
            svg.Append(Inv($"<line x1=\"{left}\" y1=\"{y:F1}\" x2=\"{w - right}\" y2=\"{y:F1}\" stroke=\"#ddd\"/><text x=\"{left - 35}\" y=\"{y + 4:F1}\">{i * 25}%</text>\n"));
            var x = left + i / 4.0 * (w - left - right);
            svg.Append(Inv($"<text x=\"{x - 10:F1}\" y=\"{h - bottom + 15}\">{xMax * i / 4:F0}</text>\n"));
        }
        for (var s = 0; s < series.Count; s++)
        {
            var values = series[s].Values;
            var step = Math.Max(1, values.Length / 400);
            var points = new StringBuilder();
            for (var i = 0; i < values.Length; i += step) points.Append(Inv($"{X(values[i]):F1},{Y((i + 1.0) / values.Length):F1} "));
            points.Append(Inv($"{X(values[^1]):F1},{Y(1):F1}"));
            var color = Colors[s % Colors.Length];
            svg.Append($"<polyline fill=\"none\" stroke=\"{color}\" stroke-width=\"2\" points=\"{points}\"/>\n");
            var sum = series[s].Summary;
            svg.Append(Inv($"<text x=\"{left}\" y=\"{h - bottom + 35 + s * 14}\" fill=\"{color}\">{Escape(series[s].Name)} (n={sum.Count}, p50 {sum.P50:F1}, p99 {sum.P99:F1}, max {sum.Max:F1})</text>\n"));
        }
        return svg.Append("</svg>\n").ToString();
    }

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
    private static string Escape(string s) => s.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");
}
