namespace EPI.Collab.Load;

/// <summary>Which way a phone's ballot goes.</summary>
public enum BallotPath { Http, Hub }

public static class BallotPathNames
{
    /// <summary>As the options and the reports spell it: <c>hub</c> or <c>http</c>.</summary>
    public static string Name(this BallotPath path) => path == BallotPath.Hub ? "hub" : "http";

    public static BallotPath Parse(string value, string option) => value switch
    {
        "http" => BallotPath.Http,
        "hub" => BallotPath.Hub,
        _ => throw new ArgumentException($"{option} takes http or hub, not '{value}'")
    };
}

/// <summary>Every knob of a run; the defaults are the sizes of issue #7.</summary>
public sealed record LoadOptions
{
    public Uri Url { get; init; } = new("http://127.0.0.1:5180");
    /// <summary>PostgreSQL server of the service (for pgbench and the replay database); null skips those parts.</summary>
    public string? Postgres { get; init; }
    public string Out { get; init; } = "ops/perf/out";
    public string City { get; init; } = "cluj-napoca";
    public string Facilitator { get; init; } = "facilitator.cluj";
    public string FacilitatorPassword { get; init; } = "demo-facilitator";
    public string Admin { get; init; } = "admin";
    public string AdminPassword { get; init; } = "demo-admin";

    /// <summary>S1's room sizes: each size runs once per ballot path in <see cref="BallotPaths"/>.</summary>
    public int[] IngestSizes { get; init; } = [2000, 10000];
    /// <summary>Phones that vote one after another (each ballot its own transaction): the service's single path.</summary>
    public int SequentialBallots { get; init; } = 300;
    /// <summary>S1's warm-up storm before the first room (0: none): phones of a room of their own vote all at once over the hub, then change their ballots over HTTP.</summary>
    public int WarmUpPhones { get; init; } = 300;
    /// <summary>How long a storm waits at most for the service to be quiet after its phones connected (0: not at all).</summary>
    public TimeSpan QuietWait { get; init; } = TimeSpan.FromSeconds(30);
    public int FanOutPhones { get; init; } = 5000;
    public double FanOutRate { get; init; } = 200;
    public double FanOutSeconds { get; init; } = 30;
    /// <summary>How S2's phones cast: over their hub connection, as the phone page does when it is connected (or HTTP).</summary>
    public BallotPath FanOutPath { get; init; } = BallotPath.Hub;
    public int IdlePhones { get; init; } = 20000;
    public long ReplayEvents { get; init; } = 1_000_000;
    public int StreamEvents { get; init; } = 10_000;
    /// <summary>S5: events naming the workshop whose as-of board is read, and ballots of the round whose as-of results are read.</summary>
    public int BoardEvents { get; init; } = 100_000;
    public int RoundBallots { get; init; } = 10_000;
    /// <summary>The service's own database on the server of <see cref="Postgres"/> (S5 writes its workshop there); null: the one named there.</summary>
    public string? ServiceDatabase { get; init; }
    /// <summary>S4: rebuilds in a row; the first is the figure, the last is also reported as the warm one.</summary>
    public int ReplayRebuilds { get; init; } = 1;
    /// <summary>The database (on the server of <see cref="Postgres"/>) that S4 recreates and S5 uses.</summary>
    public string ReplayDatabase { get; init; } = "epi_perf_replay";
    public double PgBenchSeconds { get; init; } = 10;
    public double BareHubSeconds { get; init; } = 10;
    public int JoinParallelism { get; init; } = 64;
    public int ConnectParallelism { get; init; } = 64;
    public TimeSpan TallyWait { get; init; } = TimeSpan.FromSeconds(30);
    /// <summary>
    /// S1's storm paths, each a variant per size: over each phone's hub connection (<c>CastBallot</c>) or over HTTP (<c>POST …/ballot</c>).
    /// </summary>
    public BallotPath[] BallotPaths { get; init; } = [BallotPath.Hub, BallotPath.Http];

    public static LoadOptions Parse(string[] args, out string scenario)
    {
        scenario = args.FirstOrDefault(a => !a.StartsWith("--")) ?? "all";
        var o = new LoadOptions();
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--")) continue;
            var name = args[i];
            var value = i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{name} needs a value");
            o = name switch
            {
                "--url" => o with { Url = new Uri(value) },
                "--pg" => o with { Postgres = value },
                "--out" => o with { Out = value },
                "--city" => o with { City = value },
                "--phones" => o with { IngestSizes = Sizes(value), FanOutPhones = Sizes(value)[0] },
                "--ingest-phones" => o with { IngestSizes = Sizes(value) },
                "--sequential" => o with { SequentialBallots = int.Parse(value) },
                "--warm-up" => o with { WarmUpPhones = int.Parse(value) },
                "--quiet-wait" => o with { QuietWait = TimeSpan.FromSeconds(double.Parse(value)) },
                "--fanout-phones" => o with { FanOutPhones = int.Parse(value) },
                "--rate" => o with { FanOutRate = double.Parse(value) },
                "--seconds" => o with { FanOutSeconds = double.Parse(value) },
                "--fanout-ballots" => o with { FanOutPath = BallotPathNames.Parse(value, "--fanout-ballots") },
                "--idle-phones" => o with { IdlePhones = int.Parse(value) },
                "--events" => o with { ReplayEvents = long.Parse(value) },
                "--rebuilds" => o with { ReplayRebuilds = int.Parse(value) },
                "--stream-events" => o with { StreamEvents = int.Parse(value) },
                "--board-events" => o with { BoardEvents = int.Parse(value) },
                "--round-ballots" => o with { RoundBallots = int.Parse(value) },
                "--service-db" => o with { ServiceDatabase = value },
                "--replay-db" => o with { ReplayDatabase = value },
                "--pgbench-seconds" => o with { PgBenchSeconds = double.Parse(value) },
                "--bare-seconds" => o with { BareHubSeconds = double.Parse(value) },
                "--ballots" => o with { BallotPaths = [.. value.Split(',', StringSplitOptions.TrimEntries)
                    .Select(path => BallotPathNames.Parse(path, "--ballots")).Distinct()] },
                _ => throw new ArgumentException($"unknown option {name}")
            };
        }
        return o;
    }

    private static int[] Sizes(string value) =>
        value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) is { Length: > 0 } sizes
            ? [.. sizes.Select(int.Parse)]
            : throw new ArgumentException($"--phones is a list of sizes, not '{value}'");
}
