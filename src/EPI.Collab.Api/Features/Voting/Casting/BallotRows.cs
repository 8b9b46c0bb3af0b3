using Marten;
using Marten.Events.Daemon.HighWater;
using Npgsql;
using NpgsqlTypes;

namespace EPI.Collab.Api.Features.Voting.Casting;

/// <summary>
/// One group commit's ballot writes as a handful of multi-row statements in one round trip: the new ballot streams, the
/// changed ones (each moved on from the version it was read at), every ballot event, every ballot's snapshot and every
/// receipt, each statement one <c>unnest</c> of arrays. Marten's unit of work would queue one operation per event, per
/// snapshot and per receipt and scan its queue for every one added (issue #15: a third of a storm ballot's commit CPU).
/// The rows are the ones Marten writes itself (its quick append, its <see cref="Ballot"/> inline snapshot, its document
/// insert); <c>BallotRowsTests</c> compares them column by column with Marten's, so a Marten upgrade that changes its
/// tables fails there. The invariants stay with PostgreSQL: a second start of one ballot stream breaks the streams'
/// primary key, a second event at one version the events' unique (stream, version) index, and a change of a stream
/// that moved since it was read updates fewer rows than it should; each fails the whole transaction.
/// </summary>
public sealed class BallotRows
{
    private readonly Tables _tables;
    private readonly string _tenant;
    private readonly DateTimeOffset _at;
    private readonly List<Guid> _newStreams = [];
    private readonly List<Guid> _movedStreams = [];
    private readonly List<long> _movedTo = [];
    private readonly List<Guid> _eventIds = [], _eventStreams = [];
    private readonly List<long> _eventVersions = [];
    private readonly List<string> _eventData = [], _eventTypes = [], _eventDotNetTypes = [];
    private readonly List<string> _ballotData = []; // one snapshot per event: its ballot is the event's stream, at its version
    private readonly List<Guid> _receiptIds = [];
    private readonly List<string> _receiptData = [];

    private BallotRows(Tables tables, string tenant, DateTimeOffset at) => (_tables, _tenant, _at) = (tables, tenant, at);

    /// <summary>Rows for one tenant's transaction; <paramref name="at"/> is the events' timestamp (the decision's time).</summary>
    public static BallotRows For(IDocumentStore store, string tenant, DateTimeOffset at) => new(Tables.Of(store), tenant, at);

    /// <summary>
    /// The ballot's event <paramref name="decided"/> at <paramref name="version"/> (1 starts its stream) and the snapshot
    /// it folds to from <paramref name="existing"/>, as the <see cref="Ballot"/> inline projection folds it.
    /// </summary>
    public void Ballot(Ballot? existing, object decided, int version)
    {
        var state = (decided, existing) switch
        {
            (BallotCast cast, null) => Voting.Ballot.Create(cast),
            (BallotChanged changed, { } ballot) => ballot.Apply(changed),
            _ => throw new ArgumentException($"{decided.GetType().Name} does not follow a ballot at version {existing?.Version ?? 0}.")
        } with { Version = version };
        var ballotId = state.Id;
        if (version == 1) _newStreams.Add(ballotId);
        else
        {
            _movedStreams.Add(ballotId);
            _movedTo.Add(version);
        }

        var mapping = _tables.Events.EventMappingFor(decided.GetType());
        _eventIds.Add(Guid.CreateVersion7(_at));
        _eventStreams.Add(ballotId);
        _eventVersions.Add(version);
        _eventData.Add(_tables.Serializer.ToJson(decided));
        _eventTypes.Add(mapping.EventTypeName);
        _eventDotNetTypes.Add(mapping.DotNetTypeName);
        _ballotData.Add(_tables.Serializer.ToJson(state));
    }

    public void Receipt(BallotReceipt receipt)
    {
        _receiptIds.Add(receipt.Id);
        _receiptData.Add(_tables.Serializer.ToJson(receipt));
    }

    /// <summary>Writes the rows inside <paramref name="connection"/>'s open transaction, in one round trip.</summary>
    public async Task WriteAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        if (_eventIds.Count == 0 && _receiptIds.Count == 0) return;
        var t = _tables;
        await using var batch = new NpgsqlBatch(connection);
        if (_newStreams.Count > 0)
            batch.BatchCommands.Add(Command(
                $"insert into {t.Schema}.mt_streams (id, type, version, tenant_id) select id, $1, 1, $2 from unnest($3::uuid[]) as id",
                Text(t.BallotStreamType), Text(_tenant), Uuids(_newStreams)));
        var moving = _movedStreams.Count > 0 ? Command(
            $"update {t.Schema}.mt_streams s set version = m.version, timestamp = now() from unnest($1::uuid[], $2::bigint[]) as m(id, version) " +
            "where s.tenant_id = $3 and s.id = m.id and s.version = m.version - 1 and not s.is_archived",
            Uuids(_movedStreams), Longs(_movedTo), Text(_tenant)) : null;
        if (moving is not null) batch.BatchCommands.Add(moving);
        if (_eventIds.Count > 0)
        {
            batch.BatchCommands.Add(Command(
                $"insert into {t.Schema}.mt_events (seq_id, id, stream_id, version, data, type, tenant_id, timestamp, mt_dotnet_type, is_archived) " +
                $"select nextval('{t.Schema}.mt_events_sequence'), e.id, e.stream_id, e.version, e.data, e.type, $7, $8, e.dotnet_type, false " +
                "from unnest($1::uuid[], $2::uuid[], $3::bigint[], $4::jsonb[], $5::varchar[], $6::varchar[]) as e(id, stream_id, version, data, type, dotnet_type)",
                Uuids(_eventIds), Uuids(_eventStreams), Longs(_eventVersions), Jsons(_eventData), Texts(_eventTypes), Texts(_eventDotNetTypes),
                Text(_tenant), new NpgsqlParameter { Value = _at, NpgsqlDbType = NpgsqlDbType.TimestampTz }));
            batch.BatchCommands.Add(Command(
                $"insert into {t.Ballots} (tenant_id, id, data, mt_dotnet_type, mt_version, mt_last_modified) " +
                "select $1, b.id, b.data, $2, b.version, transaction_timestamp() from unnest($3::uuid[], $4::jsonb[], $5::bigint[]) as b(id, data, version) " +
                "on conflict (tenant_id, id) do update set data = excluded.data, mt_version = excluded.mt_version, mt_last_modified = excluded.mt_last_modified",
                Text(_tenant), Text(typeof(Ballot).FullName!), Uuids(_eventStreams), Jsons(_ballotData), Longs(_eventVersions)));
            if (t.NotifyAppends)
                batch.BatchCommands.Add(new NpgsqlBatchCommand($"select pg_notify('{PostgresqlListenWakeup.DefaultChannel}', '')"));
        }
        if (_receiptIds.Count > 0)
            batch.BatchCommands.Add(Command(
                $"insert into {t.Receipts} (tenant_id, id, data, mt_dotnet_type) select $1, r.id, r.data, $2 from unnest($3::uuid[], $4::jsonb[]) as r(id, data)",
                Text(_tenant), Text(typeof(BallotReceipt).FullName!), Uuids(_receiptIds), Jsons(_receiptData)));

        await batch.ExecuteNonQueryAsync(ct);
        if (moving is not null && moving.RecordsAffected != _movedStreams.Count)
            throw new PostgresException($"{_movedStreams.Count - moving.RecordsAffected} of {_movedStreams.Count} ballot streams moved since they were read.",
                "ERROR", "ERROR", PostgresErrorCodes.UniqueViolation);
    }

    private static NpgsqlBatchCommand Command(string sql, params NpgsqlParameter[] parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.AddRange(parameters);
        return command;
    }

    private static NpgsqlParameter Text(string value) => new() { Value = value, NpgsqlDbType = NpgsqlDbType.Varchar };
    private static NpgsqlParameter Texts(List<string> values) => new() { Value = values, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Varchar };
    private static NpgsqlParameter Jsons(List<string> values) => new() { Value = values, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb };
    private static NpgsqlParameter Uuids(List<Guid> values) => new() { Value = values, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid };
    private static NpgsqlParameter Longs(List<long> values) => new() { Value = values, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint };

    /// <summary>Where Marten keeps ballots, and how it names and serialises them: read once per store from its options.</summary>
    private sealed record Tables(string Schema, string Ballots, string Receipts, string BallotStreamType, Marten.Events.EventGraph Events,
        ISerializer Serializer, bool NotifyAppends)
    {
        private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<IDocumentStore, Tables> ByStore = new();

        public static Tables Of(IDocumentStore store) => ByStore.GetValue(store, s =>
        {
            IReadOnlyStoreOptions options = s.Options;
            var events = (Marten.Events.EventGraph)((StoreOptions)options).Events;
            return new Tables(events.DatabaseSchemaName,
                options.FindOrResolveDocumentType(typeof(Ballot)).TableName.QualifiedName,
                options.FindOrResolveDocumentType(typeof(BallotReceipt)).TableName.QualifiedName,
                events.AggregateAliasFor(typeof(Ballot)), events, options.Serializer(), events.UseListenNotifyForEventAppends);
        });
    }
}
