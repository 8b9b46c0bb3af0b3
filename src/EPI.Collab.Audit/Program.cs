namespace EPI.Collab.Audit;

public static class Program
{
    private const string Usage = """
        usage: export --url <service url> --token <auditor token> [--city <cityId> [--workshop <workshopId>]] [--grant <grantId>] --out <file>
               verify <file>                                  (offline, an export)
               verify --url <service url> --token <auditor token>     (live: the service recomputes its chain)
               recount --url <service url> --token <token> --city <cityId> (--round <roundId> | --workshop <workshopId>) [--out <report.md>]
        exit codes: 0 fine, 1 invalid/broken/MISMATCH, 2 usage, 3 the service refused or failed
        """;

    public static Task<int> Main(string[] args) => RunAsync(args, Console.Out, Console.Error);

    /// <summary>The CLI with its output streams passed in, so tests run it in-process.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var o = args.Length > 0 ? Options(args[1..]) : null;
        switch (args)
        {
            case ["export", ..] when o is not null && Has(o, "--url", "--token", "--out")
                                     && (!o.ContainsKey("--workshop") || (o.ContainsKey("--city") && Guid.TryParse(o["--workshop"], out _)))
                                     && (!o.ContainsKey("--grant") || (o.ContainsKey("--city") && Guid.TryParse(o["--grant"], out _))):
                using (var http = Http(o))
                {
                    var lines = await Exporter.ExportAsync(http, o["--token"], o.GetValueOrDefault("--city"), o["--out"],
                        n => stderr.WriteLine($"{n:N0} lines"), workshopId: o.TryGetValue("--workshop", out var w) ? Guid.Parse(w) : null,
                        grant: o.TryGetValue("--grant", out var g) ? Guid.Parse(g) : null);
                    await stderr.WriteLineAsync($"exported {lines:N0} lines to {o["--out"]}");
                    return 0;
                }
            case ["verify", _, ..] when o is not null && Has(o, "--url", "--token"):
                using (var http = Http(o)) return await LiveVerifier.VerifyAsync(http, o["--token"], stdout);
            case ["verify", var file]:
                var result = await ExportVerifier.VerifyFileAsync(file);
                if (!result.Valid)
                {
                    await stdout.WriteLineAsync($"invalid at sequence {result.FirstBadSequence}: {result.Reason}");
                    return 1;
                }
                await stdout.WriteLineAsync(result.Chained
                    ? $"valid: {result.Lines:N0} lines, one chain from the genesis"
                    : $"valid: {result.Lines:N0} lines, each line's own hash recomputed\n" +
                      "partial export (one city or one workshop): the links between its lines run through events not in the file, so\n" +
                      "missing lines cannot be detected offline; compare the hashes with a full export or run verify --url (live)");
                return 0;
            case ["recount", ..] when o is not null && Has(o, "--url", "--token", "--city")
                                      && (o.TryGetValue("--round", out var r) ? Guid.TryParse(r, out _) && !o.ContainsKey("--workshop")
                                          : o.TryGetValue("--workshop", out var ws) && Guid.TryParse(ws, out _)):
                return await RecountAsync(o, stdout, stderr);
            default:
                await stderr.WriteLineAsync(Usage);
                return 2;
        }
    }

    private static async Task<int> RecountAsync(Dictionary<string, string> o, TextWriter stdout, TextWriter stderr)
    {
        var (round, workshop) = (o.TryGetValue("--round", out var r) ? Guid.Parse(r) : (Guid?)null,
            o.TryGetValue("--workshop", out var w) ? Guid.Parse(w) : (Guid?)null);
        using var http = Http(o);
        var (rows, error) = await Recounter.RecountAsync(http, o["--token"], o["--city"], round, workshop);
        if (rows is null)
        {
            await stderr.WriteLineAsync($"recount refused: {error}");
            return 3;
        }
        var report = Recounter.Report($"{o["--url"]}, city {o["--city"]}, " + (round is null ? $"workshop {workshop}" : $"round {round}"), rows,
            DateTimeOffset.UtcNow);
        await stdout.WriteAsync(report);
        if (o.TryGetValue("--out", out var path)) await File.WriteAllTextAsync(path, report);
        var mismatches = rows.Count(x => x.Result == Recounter.Mismatch);
        if (mismatches == 0) return 0;
        await stderr.WriteLineAsync($"!!! RECOUNT MISMATCH: {mismatches} of {rows.Count} rounds differ from their events !!!");
        return 1;
    }

    private static HttpClient Http(Dictionary<string, string> o) => new() { BaseAddress = new Uri(o["--url"]), Timeout = Timeout.InfiniteTimeSpan };

    private static bool Has(Dictionary<string, string> o, params string[] names) => names.All(o.ContainsKey);

    private static Dictionary<string, string>? Options(string[] args) =>
        args.Length % 2 != 0 || Enumerable.Range(0, args.Length / 2).Any(i => !args[2 * i].StartsWith("--"))
            ? null
            : Enumerable.Range(0, args.Length / 2).GroupBy(i => args[2 * i]).ToDictionary(g => g.Key, g => args[2 * g.Last() + 1]);
}
