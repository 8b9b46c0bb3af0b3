using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Npgsql;

namespace EPI.Collab.Load;

/// <summary>Figures measured in the same run that the scenarios are compared with.</summary>
public sealed class Baselines
{
    public double? PgBench1 { get; set; }
    public double? PgBench8 { get; set; }
    public Summary? BareHub { get; set; }
}

/// <summary>Baseline (a): one-row INSERT per transaction with pgbench, from 1 and from 8 clients, on the service's PostgreSQL.</summary>
public static partial class PgBench
{
    public const string Table = "perf_pgbench_insert";

    public static async Task<ScenarioResult> Run(LoadOptions o, Baselines baselines, TextWriter log, CancellationToken ct = default)
    {
        var r = new ScenarioResult("baseline-pgbench", "Baseline (a): pgbench, one-row INSERT per transaction");
        r.Parameters["seconds"] = o.PgBenchSeconds;
        if (o.Postgres is null || Find() is not { } exe)
        {
            r.Notes.Add("Skipped: no --pg connection string or no pgbench binary.");
            return r;
        }
        var cs = new NpgsqlConnectionStringBuilder(o.Postgres);
        await Sql(o.Postgres, $"drop table if exists {Table}; create table {Table} (id bigserial primary key, payload text not null)", ct);
        var script = Path.GetTempFileName();
        await File.WriteAllTextAsync(script, $"INSERT INTO {Table} (payload) VALUES ('ballot');\n", ct);
        try
        {
            foreach (var clients in new[] { 1, 8 })
            {
                var tps = await Tps(exe, cs, script, clients, o.PgBenchSeconds, ct);
                r.Figure($"tps_{clients}_client{(clients == 1 ? "" : "s")}", tps);
                if (clients == 1) baselines.PgBench1 = tps; else baselines.PgBench8 = tps;
                log.WriteLine($"pgbench: {clients} client(s) {tps:F0} tps");
                if (ServerProbe.LoadAverage() is { } load) r.Figure("machine_load_average_1m", load);
            }
        }
        finally
        {
            File.Delete(script);
            await Sql(o.Postgres, $"drop table if exists {Table}", ct);
        }
        return r;
    }

    private static string? Find() =>
        new[] { "/usr/bin/pgbench" }.Concat(Directory.Exists("/usr/lib/postgresql")
                ? Directory.GetDirectories("/usr/lib/postgresql").OrderDescending().Select(d => Path.Combine(d, "bin", "pgbench"))
                : [])
            .FirstOrDefault(File.Exists);

    private static async Task<double> Tps(string exe, NpgsqlConnectionStringBuilder cs, string script, int clients, double seconds,
        CancellationToken ct)
    {
        var start = new ProcessStartInfo(exe, ["-n", "-M", "prepared", "-f", script, "-c", $"{clients}", "-j", $"{clients}",
            "-T", $"{Math.Max(1, (int)seconds)}", "-h", cs.Host!, "-p", $"{cs.Port}", "-U", cs.Username ?? "postgres", cs.Database!])
        { RedirectStandardOutput = true, RedirectStandardError = true };
        if (cs.Password is { } password) start.Environment["PGPASSWORD"] = password;
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync(ct);
        var error = await process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        var match = TpsLine().Match(output);
        return match.Success ? double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture)
            : throw new InvalidOperationException($"pgbench gave no tps: {output} {error}");
    }

    [GeneratedRegex(@"tps = ([0-9.]+) \(without initial connection time\)")]
    private static partial Regex TpsLine();

    public static async Task Sql(string connectionString, string sql, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(ct);
    }
}
