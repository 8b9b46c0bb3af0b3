using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using EPI.Collab.Client;
using Npgsql;

namespace EPI.Collab.Chaos;

/// <summary>One verified property: what was checked, whether it held, and the figures behind it.</summary>
public sealed record Check(string Name, bool Holds, string Detail);

/// <summary>
/// What must hold after the storm: every acknowledged ballot is stored exactly once (and nothing unacknowledged), the
/// subscriptions reached the head of the log, every round's recount equals its results, the board equals the results,
/// the live feed has positions 1..N without gaps, and the hash chain verifies up to the last event.
/// </summary>
public static class Checks
{
    public static async Task<List<Check>> Run(Api api, Room room, IReadOnlyCollection<Ack> ledger, string connectionString)
    {
        var checks = new List<Check> { await SubscriptionsReachHead(connectionString) };
        checks.Add(await BallotsStoredExactlyOnce(ledger, connectionString));
        var staff = api.As(room.Staff);
        var board = await staff.GetWorkshopBoardAsync(Api.City, room.WorkshopId);
        foreach (var round in room.Rounds)
        {
            var acked = ledger.Count(a => a.RoundId == round.RoundId);
            var recount = await staff.RecountRoundAsync(Api.City, round.RoundId);
            var results = await staff.GetRoundResultsAsync(Api.City, room.WorkshopId, round.RoundId);
            var counted = results.Ballots.Phone + results.Ballots.Assisted;
            checks.Add(new Check($"round {round.RoundId}: recount from the events equals the results",
                recount.Matches && counted == acked, $"{counted} ballots counted, {acked} acknowledged; differences: {string.Join("; ", recount.Differences)}"));
            var onBoard = board.Rounds!.First(r => r.RoundId == round.RoundId);
            checks.Add(new Check($"round {round.RoundId}: the live board equals the results",
                onBoard.Ballots == acked && JsonNode.DeepEquals(Json(onBoard.Results), Json(results)), $"board {onBoard.Ballots} ballots"));
        }
        checks.Add(await FeedWithoutGaps(api, room, board.Position));
        checks.Add(await ChainVerifies(api, room, connectionString));
        return checks;
    }

    private static JsonNode? Json(object? value) => JsonSerializer.SerializeToNode(value, CollabClient.Json);

    public static async Task<Check> SubscriptionsReachHead(string connectionString, TimeSpan? timeout = null)
    {
        var watch = Stopwatch.StartNew();
        string detail = "";
        while (watch.Elapsed < (timeout ?? TimeSpan.FromSeconds(90)))
        {
            try
            {
                await using var connection = new NpgsqlConnection(connectionString);
                await connection.OpenAsync();
                var head = (long)(await new NpgsqlCommand("select coalesce(max(seq_id), 0) from epi.mt_events", connection).ExecuteScalarAsync())!;
                var rows = new List<(string, long)>();
                await using (var reader = await new NpgsqlCommand("select name, last_seq_id from epi.mt_event_progression where name like '%:%' or name = 'HighWaterMark' order by name", connection).ExecuteReaderAsync())
                    while (await reader.ReadAsync()) rows.Add((reader.GetString(0), reader.GetInt64(1)));
                detail = $"head {head}; " + string.Join(", ", rows.Select(r => $"{r.Item1} {r.Item2}"));
                if (rows.Count >= 2 && rows.All(r => r.Item2 >= head))
                    return new Check("subscriptions and the async daemon resumed and reached the head of the log", true, detail);
            }
            catch (NpgsqlException e) { detail = e.Message; }
            await Task.Delay(250);
        }
        return new Check("subscriptions and the async daemon resumed and reached the head of the log", false, detail);
    }

    /// <summary>Session-level advisory locks held per node (the daemon's hot/cold leadership and Wolverine's node agents).</summary>
    public static async Task<string> AdvisoryLocksByNode(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var held = new List<string>();
        await using var reader = await new NpgsqlCommand("""
            select a.application_name, count(*) from pg_locks l join pg_stat_activity a on a.pid = l.pid
            where l.locktype = 'advisory' and l.granted and a.application_name like 'node-%' group by 1 order by 1
            """, connection).ExecuteReaderAsync();
        while (await reader.ReadAsync()) held.Add($"{reader.GetString(0)} {reader.GetInt64(1)}");
        return held.Count == 0 ? "none" : string.Join(", ", held);
    }

    private static async Task<Check> BallotsStoredExactlyOnce(IReadOnlyCollection<Ack> ledger, string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var stored = new Dictionary<Guid, long>();
        await using (var reader = await new NpgsqlCommand(
            "select stream_id, count(*) from epi.mt_events where type = 'ballot_cast' group by stream_id", connection).ExecuteReaderAsync())
            while (await reader.ReadAsync()) stored[reader.GetGuid(0)] = reader.GetInt64(1);
        var acked = ledger.Select(a => a.BallotId).ToHashSet();
        var missing = acked.Count(id => !stored.ContainsKey(id));
        var twice = stored.Count(s => s.Value != 1);
        var unacknowledged = stored.Keys.Count(id => !acked.Contains(id));
        var keysPerBallot = ledger.GroupBy(a => a.BallotId).Count(g => g.Count() > 1);
        return new Check("every acknowledged ballot is stored exactly once",
            missing == 0 && twice == 0 && unacknowledged == 0 && keysPerBallot == 0 && acked.Count == ledger.Count,
            $"{ledger.Count} acknowledged, {stored.Count} stored; missing {missing}, stored more than once {twice}, " +
            $"stored but never acknowledged {unacknowledged}, one ballot acknowledged for two keys {keysPerBallot}");
    }

    private static async Task<Check> FeedWithoutGaps(Api api, Room room, long boardPosition)
    {
        var positions = (await api.Feed(room)).Select(m => m.Position).ToList();
        var contiguous = positions.Select((p, i) => p == i + 1).All(x => x);
        return new Check("the workshop feed has positions 1..N without gaps, up to the board's position",
            contiguous && positions.Count > 0 && positions[^1] == boardPosition, $"{positions.Count} messages, board at {boardPosition}");
    }

    private static async Task<Check> ChainVerifies(Api api, Room room, string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var events = (long)(await new NpgsqlCommand("select count(*) from epi.mt_events", connection).ExecuteScalarAsync())!;
        var verified = await api.As(room.Auditor).VerifyChainAsync();
        return new Check("the hash chain verifies and links every event", verified.Verified && verified.Count == events,
            $"{verified.Count} links, {events} events");
    }
}
