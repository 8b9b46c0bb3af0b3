using System.Diagnostics;
using EPI.Collab.Api.Features.Audit.TimeTravel;
using EPI.Collab.Api.Features.Participants;
using EPI.Collab.Api.Features.Voting;
using Marten;
using Npgsql;

namespace EPI.Collab.Load;

/// <summary>
/// S5, extended (issue #15): the as-of board of a workshop with N events and the as-of results of its round with M ballots,
/// read through the service's audit endpoints, against the latest board and results read through the live endpoints. The
/// workshop and its round (live, not secret) are opened through the API; the ballots (M ballot streams, then changes of
/// them until N events name the workshop) are appended straight into the service's database with the service's Marten
/// setup, 2,000 a transaction, as the ballot intake would append them; the service's daemon then folds them like any
/// other events (the live board, and the stored states of <see cref="StoredFolds"/>). The reads alternate, so a busy
/// machine slows them alike.
/// </summary>
public static class BoardTimeTravel
{
    public const int ReadRepeats = 40, Chunk = 2000;

    public static async Task<ScenarioResult> Run(LoadOptions o, Service service, TextWriter log, CancellationToken ct = default)
    {
        var r = new ScenarioResult("s5-as-of-board",
            $"S5 as-of board of a workshop with {o.BoardEvents:N0} events and as-of results of its round with {o.RoundBallots:N0} ballots");
        r.Parameters["workshop_events"] = o.BoardEvents;
        r.Parameters["round_ballots"] = o.RoundBallots;
        r.Parameters["read_repeats"] = ReadRepeats;
        if (o.Postgres is null) { r.Notes.Add("Skipped: no --pg connection string."); return r; }
        var database = o.ServiceDatabase ?? new NpgsqlConnectionStringBuilder(o.Postgres).Database
            ?? throw new ArgumentException("--pg names no database: name the service's with --service-db");

        var room = await Ingest.AnotherRound(await Room.Open(service, o, "Load S5 as-of board"), ct, secret: false);
        using var store = await ReplayStore.Create(o.Postgres, database, fresh: false, ct);
        var written = Stopwatch.StartNew();
        var (middle, last) = await Write(store, room, o.RoundBallots, o.BoardEvents, ct);
        r.Figure("write_seconds", written.Elapsed.TotalSeconds);
        log.WriteLine($"s5 board: {o.BoardEvents:N0} events written in {written.Elapsed.TotalSeconds:F1} s (sequences {middle}, {last}); waiting for the daemon");

        // The service's daemon has folded everything: the live relay (board) and the stored states.
        var caughtUp = Stopwatch.StartNew();
        while (await Progress(o.Postgres, database, ct) < last)
        {
            if (caughtUp.Elapsed > TimeSpan.FromMinutes(10)) { r.Errors++; r.Notes.Add("The service's daemon did not catch up within 10 minutes."); return r; }
            await Task.Delay(200, ct);
        }
        r.Figure("daemon_catch_up_seconds", caughtUp.Elapsed.TotalSeconds);
        await using (var query = store.QuerySession(room.City))
        {
            r.Figure("board_stored_states", await query.Query<BoardStoredState>().Where(x => x.WorkshopId == room.WorkshopId).CountAsync(ct));
            r.Figure("tally_stored_states", await query.Query<TallyStoredState>().Where(x => x.RoundId == room.RoundId).CountAsync(ct));
        }

        var board = $"/api/cities/{room.City}/workshops/{room.WorkshopId}/board";
        var results = $"/api/cities/{room.City}/workshops/{room.WorkshopId}/rounds/{room.RoundId}/results";
        var auditBoard = $"/api/cities/{room.City}/audit/workshops/{room.WorkshopId}/board";
        var auditResults = $"/api/cities/{room.City}/audit/rounds/{room.RoundId}/results";
        var latest = (await Ingest.Get(room, board, ct)).GetProperty("rounds").EnumerateArray().Single(x => x.GetProperty("roundId").GetGuid() == room.RoundId);
        r.Figure("latest_board_round_ballots", latest.GetProperty("ballots").GetInt32());
        var reads = new (string Name, string Path)[]
        {
            ("latest board (GET …/board)", board),
            ($"as-of board, sequence {middle} (middle)", $"{auditBoard}?sequence={middle}"),
            ($"as-of board, sequence {last - 1} (one before the last)", $"{auditBoard}?sequence={last - 1}"),
            ("latest round results (GET …/results)", results),
            ($"as-of round results, sequence {middle} (middle)", $"{auditResults}?sequence={middle}"),
            ($"as-of round results, sequence {last - 1} (one before the last)", $"{auditResults}?sequence={last - 1}")
        };
        foreach (var (_, path) in reads) await Ingest.Get(room, path, ct); // warm up
        var series = reads.Select(x => r.Latency(x.Name)).ToArray();
        for (var i = 0; i < ReadRepeats; i++)
            for (var j = 0; j < reads.Length; j++)
            {
                var which = (i + j) % reads.Length;
                var started = Stopwatch.GetTimestamp();
                await Ingest.Get(room, reads[which].Path, ct);
                series[which].Add(Stopwatch.GetElapsedTime(started));
            }
        var p50 = series.Select(s => s.Summary.P50).ToArray();
        r.Figure("latest_board_ms_p50", p50[0]);
        r.Figure("as_of_board_middle_ms_p50", p50[1]);
        r.Figure("as_of_board_last_ms_p50", p50[2]);
        r.Figure("latest_results_ms_p50", p50[3]);
        r.Figure("as_of_results_middle_ms_p50", p50[4]);
        r.Figure("as_of_results_last_ms_p50", p50[5]);
        r.Check("S5 as-of board p50 (worse of the two) ÷ latest board p50 (≤ 3)", Math.Max(p50[1], p50[2]) / p50[0], 3, atLeast: false);
        r.Check("S5 as-of round results p50 (worse of the two) ÷ latest results p50 (≤ 3)", Math.Max(p50[4], p50[5]) / p50[3], 3, atLeast: false);
        log.WriteLine($"s5 board: latest {p50[0]:F1} ms, as-of {p50[1]:F1}/{p50[2]:F1} ms; results latest {p50[3]:F1} ms, as-of {p50[4]:F1}/{p50[5]:F1} ms");
        if (ServerProbe.LoadAverage() is { } load) r.Figure("machine_load_average_1m", load);
        return r;
    }

    /// <summary>
    /// <paramref name="ballots"/> ballot streams, then changes of them round-robin until <paramref name="events"/> events name
    /// the workshop; the sequences of the middle and the last event.
    /// </summary>
    private static async Task<(long Middle, long Last)> Write(IDocumentStore store, Room room, int ballots, int events, CancellationToken ct)
    {
        var ids = Enumerable.Range(0, ballots).Select(_ => Guid.CreateVersion7()).ToArray();
        var options = room.Options;
        BallotMark[] Marks(int i) => [new(options[i % options.Length], 3), new(options[(i + 1) % options.Length], 2)];
        var total = Math.Max(events, ballots);
        var (middle, last) = (0L, 0L);
        var chunk = Math.Clamp(total / 10, 1, Chunk); // at least ten transactions, so that the middle lies between two
        for (var first = 0; first < total; first += chunk)
        {
            await using var session = store.LightweightSession(room.City);
            for (var n = first; n < Math.Min(total, first + chunk); n++)
            {
                var at = DateTimeOffset.UtcNow;
                if (n < ballots)
                    session.Events.StartStream<Ballot>(ids[n], new BallotCast(ids[n], room.RoundId, room.WorkshopId, Marks(n),
                        (StakeholderGroup)(n % 5), BallotChannel.Phone, null, null, at));
                else session.Events.Append(ids[n % ballots], new BallotChanged(ids[n % ballots], room.RoundId, room.WorkshopId, Marks(n + 1), at));
            }
            await session.SaveChangesAsync(ct);
            var head = await Head(store, ct);
            if (middle == 0 && first + chunk >= total / 2) middle = head;
            last = head;
        }
        return (middle, last);
    }

    private static async Task<long> Head(IDocumentStore store, CancellationToken ct)
    {
        await using var query = store.QuerySession();
        return (await query.AdvancedSql.QueryAsync<long>("select coalesce(max(seq_id), 0) from epi.mt_events", ct)).Single();
    }

    /// <summary>How far both the live relay and the stored states of the service's daemon have come.</summary>
    private static async Task<long> Progress(string server, string database, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(ReplayStore.ConnectionString(server, database));
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand("""
            select coalesce(min(last_seq_id), 0), count(*) from epi.mt_event_progression
            where name like 'StoredFolds%' or name like 'LiveRelay%'
            """, connection);
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return reader.GetInt64(1) >= 2 ? reader.GetInt64(0) : 0;
    }
}
