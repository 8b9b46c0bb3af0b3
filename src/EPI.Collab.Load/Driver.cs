namespace EPI.Collab.Load;

/// <summary>
/// dotnet run --project src/EPI.Collab.Load -c Release -- &lt;s1|s2|s3|s4|s5|baselines|all&gt;[,...] [--url URL] [--pg CONNSTR]
/// [--out DIR] [--phones N] [--sequential N] [--rate R] [--seconds S] [--idle-phones N] [--events N] [--rebuilds N] [--stream-events N]
/// [--pgbench-seconds S] [--bare-seconds S] [--ballots hub,http] [--board-events N] [--round-ballots N] [--service-db NAME]
/// </summary>
public static class Driver
{
    private const string Usage = "usage: EPI.Collab.Load <s1|s2|s3|s4|s5|baselines|all>[,...] [options] (see ops/perf/README.md)";

    public static async Task<int> Main(string[] args)
    {
        if (args is ["--help"] or ["-h"])
        {
            await Console.Out.WriteLineAsync(Usage);
            return 0;
        }
        try
        {
            var options = LoadOptions.Parse(args, out var scenario);
            var results = await Run(scenario, options, Console.Out);
            return results.Any(r => r.Errors > 0) ? 2 : 0;
        }
        catch (ArgumentException e)
        {
            await Console.Error.WriteLineAsync($"{e.Message}\n\n{Usage}");
            return 64;
        }
    }

    public static readonly string[] All = ["baselines", "s1", "s2", "s3", "s4", "s5"];

    /// <summary>Runs the named scenarios (comma-separated, or "all") and writes the report into <c>options.Out</c>.</summary>
    public static async Task<List<ScenarioResult>> Run(string scenarios, LoadOptions o, TextWriter log, CancellationToken ct = default)
    {
        var names = scenarios == "all" ? All : scenarios.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (names.Except(All).FirstOrDefault() is { } unknown) throw new ArgumentException($"unknown scenario '{unknown}'");
        var started = DateTimeOffset.UtcNow;
        var loadAtStart = ServerProbe.LoadAverage();
        using var service = new Service(o.Url);
        var needsService = names.Any(n => n is "s1" or "s2" or "s3" or "s5");
        var probe = needsService ? await ServerProbe.Create(service, o) : null;
        var baselines = new Baselines();
        var results = new List<ScenarioResult>();
        async Task<T> Timed<T>(Func<Task<T>> run, Func<T, ScenarioResult> result)
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var value = await run();
            result(value).Figure("scenario_seconds", clock.Elapsed.TotalSeconds);
            return value;
        }
        Task<ScenarioResult> Time(Func<Task<ScenarioResult>> run) => Timed(run, r => r);

        if (names.Contains("baselines")) results.Add(await Time(() => PgBench.Run(o, baselines, log, ct)));
        if (names.Contains("s1"))
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var s1 = await Ingest.Run(o, service, probe!, baselines, log, ct);
            foreach (var r in s1) r.Figure("scenario_seconds", clock.Elapsed.TotalSeconds / s1.Count); // the variants share one clock
            results.AddRange(s1);
        }
        if (names.Contains("s2"))
        {
            var (s2, payload, talliesPerSecond) = await Timed(() => FanOut.Run(o, service, probe!, log, ct), x => x.Result);
            results.Add(s2);
            if (names.Contains("baselines"))
                results.Add(await Time(() => BareHub.Run(o.FanOutPhones, Math.Max(1, Math.Round(talliesPerSecond)), o.BareHubSeconds, payload,
                    o.ConnectParallelism, baselines, log, ct)));
            FanOut.Compare(s2, baselines);
        }
        if (names.Contains("s3")) results.Add(await Time(() => Connections.Run(o, service, probe!, log, ct)));
        if (names.Contains("s4")) results.Add(await Time(() => Replay.Run(o, log, ct)));
        if (names.Contains("s5"))
        {
            results.Add(await Time(() => TimeTravel.Run(o, log, ct)));
            results.Add(await Time(() => BoardTimeTravel.Run(o, service, log, ct)));
        }

        var server = probe is null ? null : await probe.Snapshot();
        var run = new Dictionary<string, string>
        {
            ["started"] = started.ToString("u"),
            ["seconds"] = $"{(DateTimeOffset.UtcNow - started).TotalSeconds:F0}",
            ["scenarios"] = string.Join(",", names),
            ["service"] = o.Url.ToString(),
            ["machine"] = $"{Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}",
            ["service process"] = server is null ? "n/a" : $"pid {server.ProcessId}, {server.ProcessorCount} cores visible",
            ["machine load average (1 min) at start / end"] = $"{loadAtStart} / {ServerProbe.LoadAverage()}"
        };
        await Report.Write(o.Out, results, run);
        log.WriteLine($"report: {Path.GetFullPath(Path.Combine(o.Out, "report.md"))}");
        return results;
    }
}
