namespace EPI.Collab.Audit;

public static class Program
{
    private const string Usage = """
        usage: export --url <service url> --token <auditor token> [--city <cityId>] --out <file>
               verify <file>
        """;

    public static async Task<int> Main(string[] args)
    {
        switch (args)
        {
            case ["export", .. var rest] when Options(rest) is { } o && o.TryGetValue("--url", out var url)
                                              && o.TryGetValue("--token", out var token) && o.TryGetValue("--out", out var outPath):
                using (var http = new HttpClient { BaseAddress = new Uri(url), Timeout = Timeout.InfiniteTimeSpan })
                {
                    var lines = await Exporter.ExportAsync(http, token, o.GetValueOrDefault("--city"), outPath,
                        n => Console.Error.WriteLine($"{n:N0} lines"));
                    Console.Error.WriteLine($"exported {lines:N0} lines to {outPath}");
                    return 0;
                }
            case ["verify", var file]:
                var result = await ExportVerifier.VerifyFileAsync(file);
                if (result.Valid)
                {
                    Console.WriteLine($"valid: {result.Lines:N0} lines");
                    return 0;
                }
                Console.WriteLine($"invalid at sequence {result.FirstBadSequence}: {result.Reason}");
                return 1;
            default:
                Console.Error.WriteLine(Usage);
                return 2;
        }
    }

    private static Dictionary<string, string>? Options(string[] args) =>
        args.Length % 2 != 0 ? null : Enumerable.Range(0, args.Length / 2).ToDictionary(i => args[2 * i], i => args[2 * i + 1]);
}
