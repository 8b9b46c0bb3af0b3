using System.Diagnostics;
using EPI.Collab.Api.Features.Voting;
using Marten;
using Npgsql;

namespace EPI.Collab.Load;

/// <summary>
/// S4: N ballot events (streams of 100: one cast, 99 changes) in a database of their own; rebuild of the Ballot
/// projection through the Marten daemon against a raw sequential read of the event table (Npgsql reader, every column).
/// </summary>
public static class Replay
{
    public const int EventsPerStream = 100;
    public const int StreamsPerTransaction = 100;

    public static async Task<ScenarioResult> Run(LoadOptions o, TextWriter log, CancellationToken ct = default)
    {
        var r = new ScenarioResult("s4-replay", $"S4 replay: {o.ReplayEvents:N0} events, projection rebuild vs raw read");
        r.Parameters["events"] = o.ReplayEvents;
        r.Parameters["events_per_stream"] = EventsPerStream;
        if (o.Postgres is null) { r.Notes.Add("Skipped: no --pg connection string."); return r; }
        // EPI_LOAD_S4_REUSE=1: keep the events of the previous S4 run (same --events, same database) and measure only the
        // reads: a minute less per try when comparing rebuild settings.
        var reuse = Environment.GetEnvironmentVariable("EPI_LOAD_S4_REUSE") == "1";
        using var store = await ReplayStore.Create(o.Postgres, o.ReplayDatabase, fresh: !reuse, ct);

        var streams = (int)(o.ReplayEvents / EventsPerStream);
        var total = (long)streams * EventsPerStream;
        r.Figure("events", total);
        var clock = Stopwatch.StartNew();
        if (reuse)
        {
            var kept = await StoredEvents(ReplayStore.ConnectionString(o.Postgres, o.ReplayDatabase), ct);
            if (kept != total)
                throw new ArgumentException($"EPI_LOAD_S4_REUSE=1: {o.ReplayDatabase} holds {kept:N0} events, not {total:N0}; run S4 once without it.");
            r.Notes.Add("The events of the previous S4 run were kept (EPI_LOAD_S4_REUSE=1); nothing was written.");
            log.WriteLine($"s4: {total:N0} events kept from the previous run");
        }
        else
        {
            await Write(store, streams, ct);
            r.Figure("generate_events_per_s", total / clock.Elapsed.TotalSeconds);
            log.WriteLine($"s4: {total:N0} events written in {clock.Elapsed.TotalSeconds:F1} s");
        }
        await PgBench.Sql(ReplayStore.ConnectionString(o.Postgres, o.ReplayDatabase), "vacuum analyze epi.mt_events", ct);

        clock.Restart();
        var read = await RawRead(ReplayStore.ConnectionString(o.Postgres, o.ReplayDatabase), ct);
        var rawRate = read / clock.Elapsed.TotalSeconds;
        r.Figure("raw_read_events_per_s", rawRate);
        log.WriteLine($"s4: raw read {read:N0} events at {rawRate:F0}/s");

        // The floor of any daemon rebuild here: the page query Marten's daemon sends (500 events a page, joined to their
        // streams), every column read as the raw read reads it, nothing deserialised or folded.
        clock.Restart();
        var paged = await DaemonPagesRead(ReplayStore.ConnectionString(o.Postgres, o.ReplayDatabase), total, ct);
        var pagedRate = paged / clock.Elapsed.TotalSeconds;
        r.Figure("daemon_page_query_events", paged);
        if (paged != total) r.Notes.Add($"The daemon's page query read {paged:N0} events, expected {total:N0}.");
        r.Figure("daemon_page_query_events_per_s", pagedRate);
        r.Figure("daemon_page_query_vs_raw_read", pagedRate / rawRate);
        log.WriteLine($"s4: the daemon's page query alone {paged:N0} events at {pagedRate:F0}/s ({pagedRate / rawRate:F2} of the raw read)");

        // The first rebuild in this process is the figure (it pays the JIT of the daemon's code, as a rebuild in a
        // freshly started service does); --rebuilds N repeats it and reports the last, warm one separately.
        var (seconds, cpu) = await Rebuild(store, ct);
        var rebuildRate = total / seconds;
        r.Figure("rebuild_seconds", seconds);
        r.Figure("rebuild_events_per_s", rebuildRate);
        r.Figure("rebuild_driver_cpu_seconds", cpu);
        if (ServerProbe.LoadAverage() is { } load) r.Figure("machine_load_average_1m", load);
        log.WriteLine($"s4: rebuild at {rebuildRate:F0} events/s ({seconds:F1} s, driver CPU {cpu:F1} s)");
        for (var n = 2; n <= o.ReplayRebuilds; n++)
        {
            var (warmSeconds, warmCpu) = await Rebuild(store, ct);
            r.Figure("warm_rebuild_events_per_s", total / warmSeconds);
            r.Figure("warm_rebuild_driver_cpu_seconds", warmCpu);
            log.WriteLine($"s4: rebuild {n} at {total / warmSeconds:F0} events/s ({warmSeconds:F1} s, driver CPU {warmCpu:F1} s)");
        }

        await using var query = store.QuerySession(ReplayStore.Tenant);
        var documents = await query.Query<Ballot>().CountAsync(ct);
        r.Figure("ballot_documents_after_rebuild", documents);
        if (documents != streams) r.Notes.Add($"Rebuild left {documents} Ballot documents, expected {streams}.");
        r.Check("S4 rebuild events/s ÷ raw read events/s (≥ 0.5)", rebuildRate / rawRate, 0.5, atLeast: true);
        return r;
    }

    /// <summary>Streams of <see cref="EventsPerStream"/> ballot events of one round, <see cref="StreamsPerTransaction"/> a transaction, two writers.</summary>
    private static async Task Write(DocumentStore store, int streams, CancellationToken ct)
    {
        var roundId = Guid.CreateVersion7();
        var workshopId = Guid.CreateVersion7();
        await Parallel.ForEachAsync(Enumerable.Range(0, (streams + StreamsPerTransaction - 1) / StreamsPerTransaction),
            new ParallelOptions { MaxDegreeOfParallelism = 2, CancellationToken = ct }, async (chunk, token) =>
            {
                await using var session = store.LightweightSession(ReplayStore.Tenant);
                for (var s = chunk * StreamsPerTransaction; s < Math.Min(streams, (chunk + 1) * StreamsPerTransaction); s++)
                {
                    var id = Guid.CreateVersion7();
                    session.Events.StartStream<Ballot>(id, ReplayStore.BallotStream(id, roundId, workshopId, 0, EventsPerStream - 1));
                }
                await session.SaveChangesAsync(token);
            });
    }

    private static async Task<long> StoredEvents(string connectionString, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        await using var count = new NpgsqlCommand("select count(*) from epi.mt_events", connection);
        return (long)(await count.ExecuteScalarAsync(ct))!;
    }

    /// <summary>One daemon rebuild of the Ballot projection: wall seconds and this process's CPU seconds.</summary>
    private static async Task<(double Seconds, double Cpu)> Rebuild(DocumentStore store, CancellationToken ct)
    {
        using var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        using (var daemon = await store.BuildProjectionDaemonAsync())
            await daemon.RebuildProjectionAsync<Ballot>(TimeSpan.FromMinutes(30), ct);
        var seconds = clock.Elapsed.TotalSeconds;
        process.Refresh();
        return (seconds, (process.TotalProcessorTime - cpu).TotalSeconds);
    }

    /// <summary>
    /// The query Marten's async daemon sends for each page of a rebuild of the Ballot projection (Marten 9.58, as
    /// pg_stat_statements records it: every event column plus its stream's type, the projection's event types, 500 a page,
    /// one page after the other), read column by column like <see cref="RawRead"/>.
    /// </summary>
    public static async Task<long> DaemonPagesRead(string connectionString, long ceiling, CancellationToken ct)
    {
        const int page = 500;
        string[] types = ["ballot_changed", "ballot_voided", "ballot_cast", "archived", "Compacted<Ballot>"];
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        long rows = 0, floor = 0, bytes = 0;
        while (floor < ceiling)
        {
            await using var command = new NpgsqlCommand(
                "select d.data, d.type, d.mt_dotnet_type, d.bdata, d.seq_id, d.id, d.stream_id, d.version, d.timestamp, d.tenant_id, " +
                "d.is_archived, s.type as stream_type from epi.mt_events as d inner join epi.mt_streams as s on d.stream_id = s.id " +
                "and d.tenant_id = s.tenant_id where d.seq_id > $1 and d.seq_id <= $2 and d.type = ANY($3) and d.is_archived = FALSE " +
                $"order by d.seq_id limit {page}", connection);
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = floor });
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = ceiling });
            command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = types });
            await using var reader = await command.ExecuteReaderAsync(ct);
            var read = 0;
            while (await reader.ReadAsync(ct))
            {
                read++;
                bytes += reader.GetString(0).Length + reader.GetString(1).Length + reader.GetString(9).Length;
                if (!reader.IsDBNull(2)) bytes += reader.GetString(2).Length;
                if (!reader.IsDBNull(11)) bytes += reader.GetString(11).Length;
                floor = reader.GetInt64(4);
                _ = reader.GetGuid(5); _ = reader.GetGuid(6); _ = reader.GetInt64(7);
                _ = reader.GetFieldValue<DateTimeOffset>(8); _ = reader.GetBoolean(10);
            }
            rows += read;
            if (read < page) break;
        }
        return bytes > 0 ? rows : 0;
    }

    public static async Task<long> RawRead(string connectionString, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand(
            "select seq_id, id, stream_id, version, type, tenant_id, timestamp, data from epi.mt_events order by seq_id", connection);
        await using var reader = await command.ExecuteReaderAsync(ct);
        long rows = 0, bytes = 0;
        while (await reader.ReadAsync(ct))
        {
            rows++;
            _ = reader.GetInt64(0); _ = reader.GetGuid(1); _ = reader.GetGuid(2); _ = reader.GetInt64(3);
            bytes += reader.GetString(4).Length + reader.GetString(5).Length + reader.GetString(7).Length;
            _ = reader.GetFieldValue<DateTimeOffset>(6);
        }
        return bytes > 0 ? rows : 0;
    }
}
