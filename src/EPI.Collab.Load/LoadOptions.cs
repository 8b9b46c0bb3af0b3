namespace EPI.Collab.Load;

/// <summary>Which way a phone's ballot goes.</summary>
public enum BallotPath { Http, Hub }

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

    public int IngestPhones { get; init; } = 2000;
    /// <summary>Phones that vote one after another (each ballot its own transaction): the service's single path.</summary>
    public int SequentialBallots { get; init; } = 300;
    public int FanOutPhones { get; init; } = 2000;
    public double FanOutRate { get; init; } = 200;
    public double FanOutSeconds { get; init; } = 30;
    public int IdlePhones { get; init; } = 10000;
    public long ReplayEvents { get; init; } = 1_000_000;
    public int StreamEvents { get; init; } = 10_000;
    /// <summary>S4: rebuilds in a row; the first is the figure, the last is also reported as the warm one.</summary>
    public int ReplayRebuilds { get; init; } = 1;
    /// <summary>The database (on the server of <see cref="Postgres"/>) that S4 recreates and S5 uses.</summary>
    public string ReplayDatabase { get; init; } = "epi_perf_replay";
    public double PgBenchSeconds { get; init; } = 10;
    public double BareHubSeconds { get; init; } = 10;
    public int JoinParallelism { get; init; } = 32;
    public int ConnectParallelism { get; init; } = 64;
    public TimeSpan TallyWait { get; init; } = TimeSpan.FromSeconds(30);
    /// <summary>S1's storm: ballots over HTTP (<c>POST …/ballot</c>) or over each phone's hub connection (<c>CastBallot</c>).</summary>
    public BallotPath Ballots { get; init; } = BallotPath.Http;

    public static LoadOptions Parse(string[] args, out string scenario)
    {
        scenario = args.FirstOrDefault(a => !a.StartsWith("--")) ?? "all";
        var o = new LoadOptions();
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--")) continue;
            var value = i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i - 1]} needs a value");
            o = args[i - 1] switch
            {
                "--url" => o with { Url = new Uri(value) },
                "--pg" => o with { Postgres = value },
                "--out" => o with { Out = value },
                "--city" => o with { City = value },
                "--phones" => o with { IngestPhones = int.Parse(value), FanOutPhones = int.Parse(value) },
                "--ingest-phones" => o with { IngestPhones = int.Parse(value) },
                "--sequential" => o with { SequentialBallots = int.Parse(value) },
                "--fanout-phones" => o with { FanOutPhones = int.Parse(value) },
                "--rate" => o with { FanOutRate = double.Parse(value) },
                "--seconds" => o with { FanOutSeconds = double.Parse(value) },
                "--idle-phones" => o with { IdlePhones = int.Parse(value) },
                "--events" => o with { ReplayEvents = long.Parse(value) },
                "--rebuilds" => o with { ReplayRebuilds = int.Parse(value) },
                "--stream-events" => o with { StreamEvents = int.Parse(value) },
                "--replay-db" => o with { ReplayDatabase = value },
                "--pgbench-seconds" => o with { PgBenchSeconds = double.Parse(value) },
                "--bare-seconds" => o with { BareHubSeconds = double.Parse(value) },
                "--ballots" => o with { Ballots = value switch
                {
                    "http" => BallotPath.Http, "hub" => BallotPath.Hub,
                    _ => throw new ArgumentException($"--ballots is http or hub, not '{value}'")
                } },
                _ => throw new ArgumentException($"unknown option {args[i - 1]}")
            };
        }
        return o;
    }
}
