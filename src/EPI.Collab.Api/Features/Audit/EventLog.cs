using System.Text.Json;
using System.Text.Json.Serialization;
using EPI.Collab.Api.Features.Voting;
using Marten;
using Npgsql;

namespace EPI.Collab.Api.Features.Audit;

/// <summary>One row of mt_events, as stored (data is the camelCase JSON Marten wrote).</summary>
public sealed record LoggedEvent(Guid Id, long Sequence, Guid StreamId, long StreamVersion, string Type, DateTimeOffset At,
    string Data, string? Channel, string? DotNetType);

/// <summary>
/// Which events lie behind an audited item: whole streams, rounds (their stream and the ballot streams naming them),
/// workshops (every event naming them) and strategy revisions (the events naming the revision in the strategy stream).
/// </summary>
public sealed record AuditScope(Guid[] Streams, Guid[] Rounds, Guid[] Workshops, Guid[] Strategies, Guid[] Revisions);

/// <summary>
/// Raw reads of the city's event log (one tenant of mt_events), by sequence. Cross-stream filters run on the jsonb
/// fields every event carries (roundId, workshopId, revisionId), so no projection has to be trusted.
/// </summary>
public static class EventLog
{
    public const string BallotCast = "ballot_cast";
    public const string BallotChanged = "ballot_changed";
    public const string ObjectionRaised = "objection_raised";
    public const string ObjectionWithdrawn = "objection_withdrawn";
    public const string BallotVoided = "ballot_voided";

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public static Task<List<LoggedEvent>> ReadAsync(IDocumentStore store, string tenant, AuditScope scope, long after, long upTo, int limit,
        CancellationToken ct) => QueryAsync(store, $"""
        select e.id, e.seq_id, e.stream_id, e.version, e.type, e.timestamp, e.data::text, e.mt_dotnet_type,
          case when e.type in ('{BallotCast}', '{BallotChanged}') then (select c.data->>'channel' from {Schema}.mt_events c
            where c.tenant_id = e.tenant_id and c.stream_id = e.stream_id and c.type = '{BallotCast}' limit 1) end
        from {Schema}.mt_events e
        where e.tenant_id = @tenant and e.seq_id > @after and e.seq_id <= @upTo
          and (e.stream_id = any(@streams) or e.data->>'roundId' = any(@rounds) or e.data->>'workshopId' = any(@workshops)
               or (e.stream_id = any(@strategies) and e.data->>'revisionId' = any(@revisions)))
        order by e.seq_id limit @limit
        """, ct, p =>
    {
        p.AddWithValue("tenant", tenant);
        p.AddWithValue("after", after);
        p.AddWithValue("upTo", upTo);
        p.AddWithValue("limit", limit);
        p.AddWithValue("streams", scope.Streams);
        p.AddWithValue("rounds", Texts(scope.Rounds));
        p.AddWithValue("workshops", Texts(scope.Workshops));
        p.AddWithValue("strategies", scope.Strategies);
        p.AddWithValue("revisions", Texts(scope.Revisions));
    }, r => new LoggedEvent(r.GetGuid(0), r.GetInt64(1), r.GetGuid(2), r.GetInt64(3), r.GetString(4),
        r.GetFieldValue<DateTimeOffset>(5), r.GetString(6), r.IsDBNull(8) ? null : r.GetString(8), r.IsDBNull(7) ? null : r.GetString(7)));

    /// <summary>
    /// The events after <paramref name="after"/> up to <paramref name="upTo"/> (every city) that name a workshop, in sequence
    /// order: each with its city, the workshop and, for a ballot event, the round.
    /// </summary>
    public static Task<List<(long Sequence, string Tenant, Guid WorkshopId, Guid? RoundId)>> WorkshopEventsAsync(IDocumentStore store,
        long after, long upTo, int limit, CancellationToken ct) => QueryAsync(store, $"""
        select seq_id, tenant_id, data->>'workshopId',
          case when type in ('{BallotCast}', '{BallotChanged}', '{BallotVoided}') then data->>'roundId' end
        from {Schema}.mt_events
        where seq_id > @after and seq_id <= @upTo and data->>'workshopId' is not null
        order by seq_id limit @limit
        """, ct, p =>
    {
        p.AddWithValue("after", after);
        p.AddWithValue("upTo", upTo);
        p.AddWithValue("limit", limit);
    }, r => (r.GetInt64(0), r.GetString(1), Guid.Parse(r.GetString(2)), r.IsDBNull(3) ? (Guid?)null : Guid.Parse(r.GetString(3))));

    /// <summary>
    /// The events of one city's log naming a workshop after <paramref name="after"/> up to <paramref name="upTo"/>, in sequence
    /// order, each read by the store's serializer as its event class (<see cref="EventJson.TypeOf"/>; null for a class this
    /// build does not have). One
    /// statement on the workshop's index (EventDataIndex), without Marten's LINQ provider, which parsed the same query
    /// again on every call (issue #15: most of the stored folds' CPU in a vote storm).
    /// </summary>
    public static Task<List<(long Sequence, object? Data)>> WorkshopLogAsync(IDocumentStore store, string tenant, Guid workshopId,
        long after, long upTo, int limit, CancellationToken ct)
    {
        var serializer = store.Options.Serializer();
        return QueryAsync(store, $"""
            select seq_id, type, mt_dotnet_type, data from {Schema}.mt_events
            where tenant_id = @tenant and seq_id > @after and seq_id <= @upTo and data->>'workshopId' = @workshop
            order by seq_id limit @limit
            """, ct, p =>
        {
            p.AddWithValue("tenant", tenant);
            p.AddWithValue("after", after);
            p.AddWithValue("upTo", upTo);
            p.AddWithValue("workshop", workshopId.ToString());
            p.AddWithValue("limit", limit);
        }, r => (r.GetInt64(0), EventJson.TypeOf(store, r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2)) is { } type
            ? serializer.FromJson(type, r, 3) : null));
    }

    /// <summary>The last sequence of the city's log at <paramref name="asOf"/> (or now); 0 before its first event.</summary>
    public static async Task<long> SequenceAtAsync(IDocumentStore store, string tenant, DateTimeOffset? asOf, CancellationToken ct) =>
        (await QueryAsync(store, $"select coalesce(max(seq_id), 0) from {Schema}.mt_events where tenant_id = @tenant and timestamp <= @asOf",
            ct, p => { p.AddWithValue("tenant", tenant); p.AddWithValue("asOf", asOf ?? DateTimeOffset.MaxValue); }, r => r.GetInt64(0)))
        .Single();

    /// <summary>The version a stream had once the log reached <paramref name="upTo"/>; null if it did not exist yet.</summary>
    public static async Task<long?> StreamVersionAtAsync(IDocumentStore store, string tenant, Guid streamId, long upTo, CancellationToken ct) =>
        (await QueryAsync(store, $"select max(version) from {Schema}.mt_events where tenant_id = @tenant and stream_id = @id and seq_id <= @upTo",
            ct, p => { p.AddWithValue("tenant", tenant); p.AddWithValue("id", streamId); p.AddWithValue("upTo", upTo); },
            r => r.IsDBNull(0) ? (long?)null : r.GetInt64(0))).Single();

    /// <summary>The sequence of a stream's event at <paramref name="version"/>; null if the stream has no such version.</summary>
    public static async Task<long?> SequenceOfAsync(IDocumentStore store, string tenant, Guid streamId, long version, CancellationToken ct) =>
        (await QueryAsync(store, $"select seq_id from {Schema}.mt_events where tenant_id = @tenant and stream_id = @id and version = @version",
            ct, p => { p.AddWithValue("tenant", tenant); p.AddWithValue("id", streamId); p.AddWithValue("version", version); },
            r => r.GetInt64(0))).Cast<long?>().SingleOrDefault();

    /// <summary>The ballots of a round as they stood at <paramref name="upTo"/>: each ballot stream folded from its start up to then.</summary>
    public static async Task<IReadOnlyList<Ballot>> BallotsAtAsync(IDocumentStore store, string tenant, Guid roundId, long upTo,
        CancellationToken ct) =>
        [.. (await BallotMovesAsync(store, tenant, roundId, 0, upTo, ct)).Select(m => m.After).OfType<Ballot>()];

    /// <summary>
    /// The ballot streams of a round that moved after <paramref name="after"/>, up to <paramref name="upTo"/>: each as it stood
    /// at <paramref name="after"/> (null: not cast yet) and at <paramref name="upTo"/> (null: voided, it no longer counts), folded
    /// from the stream's own events. A stream cast before <paramref name="after"/> has its earlier events read too.
    /// </summary>
    public static async Task<IReadOnlyList<(Guid Stream, Ballot? Before, Ballot? After)>> BallotMovesAsync(IDocumentStore store, string tenant,
        Guid roundId, long after, long upTo, CancellationToken ct)
    {
        var moved = await QueryAsync(store, $"""
            select stream_id, type, data::text from {Schema}.mt_events
            where tenant_id = @tenant and seq_id > @after and seq_id <= @upTo
              and type in ('{BallotCast}', '{BallotChanged}', '{BallotVoided}') and data->>'roundId' = @round
            order by seq_id
            """, ct, p =>
        {
            p.AddWithValue("tenant", tenant);
            p.AddWithValue("after", after);
            p.AddWithValue("upTo", upTo);
            p.AddWithValue("round", roundId.ToString());
        }, Row);
        var before = new Dictionary<Guid, Ballot?>();
        var castEarlier = moved.GroupBy(r => r.Stream).Where(g => g.First().Type != BallotCast).Select(g => g.Key).ToArray();
        // A ballot's state is its cast with the marks of its last change, or nothing after a void (a voided ballot takes
        // no change): the earlier streams' cast and last later event are enough.
        if (castEarlier.Length > 0)
            Fold(before, await QueryAsync(store, $"""
                select stream_id, type, data::text from (
                  select distinct on (stream_id, type = '{BallotCast}') stream_id, type, data, seq_id from {Schema}.mt_events
                  where tenant_id = @tenant and seq_id <= @upTo and type in ('{BallotCast}', '{BallotChanged}', '{BallotVoided}')
                    and stream_id = any(@streams)
                  order by stream_id, type = '{BallotCast}', seq_id desc) last
                order by seq_id
                """, ct, p =>
            {
                p.AddWithValue("tenant", tenant);
                p.AddWithValue("upTo", after);
                p.AddWithValue("streams", castEarlier);
            }, Row));
        var now = new Dictionary<Guid, Ballot?>(before);
        Fold(now, moved);
        return [.. moved.Select(r => r.Stream).Distinct().Select(s => (s, before.GetValueOrDefault(s), now[s]))];
    }

    private static (Guid Stream, string Type, string Data) Row(NpgsqlDataReader r) => (r.GetGuid(0), r.GetString(1), r.GetString(2));

    /// <summary>Ballot events folded into each stream's state; a voided ballot no longer counts (issue #14, removal): null.</summary>
    private static void Fold(Dictionary<Guid, Ballot?> ballots, IEnumerable<(Guid Stream, string Type, string Data)> rows)
    {
        foreach (var row in rows)
            ballots[row.Stream] = row.Type switch
            {
                BallotCast => Ballot.Create(JsonSerializer.Deserialize<Voting.BallotCast>(row.Data, Json)!),
                BallotChanged => ballots.GetValueOrDefault(row.Stream)?.Apply(JsonSerializer.Deserialize<Voting.BallotChanged>(row.Data, Json)!),
                _ => null
            };
    }

    private const string Schema = Infrastructure.Persistence.Schema;

    private static string[] Texts(Guid[] ids) => [.. ids.Select(id => id.ToString())];

    /// <summary>Rows of a raw SQL query, on a connection of its own (not a session's: it may run beside one).</summary>
    internal static async Task<List<T>> QueryAsync<T>(IDocumentStore store, string sql, CancellationToken ct,
        Action<NpgsqlParameterCollection> bind, Func<NpgsqlDataReader, T> read)
    {
        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand(sql, connection);
        bind(command.Parameters);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var rows = new List<T>();
        while (await reader.ReadAsync(ct)) rows.Add(read(reader));
        return rows;
    }
}
