using System.Data.Common;
using JasperFx.Events;
using Marten;
using Weasel.Core;
using Weasel.Core.Migrations;

namespace EPI.Collab.Api.Features.Audit;

/// <summary>
/// Expression indexes on mt_events for the audit reads that filter on fields inside the event data (<c>workshopId</c>,
/// <c>roundId</c>): the timeline, the board as of a moment, the workshop export, ballots as of a moment. Marten has no
/// API for indexes on its event table, so each is a Weasel schema object of a custom storage feature that depends on the
/// events (created after mt_events by <c>db-apply</c> and create-or-update, checked by <c>db-assert</c>), and named in
/// <c>Events.IgnoreIndex</c> so Marten's own migration of mt_events leaves it alone.
/// </summary>
public sealed class AuditEventIndexes(StoreOptions options) : FeatureSchemaBase("AuditEventIndexes", options.Advanced.Migrator)
{
    public override Type StorageType => typeof(AuditEventIndexes);

    public override IEnumerable<Type> DependentTypes() => [typeof(IEvent)];

    protected override IEnumerable<ISchemaObject> schemaObjects() =>
        EventDataIndex.All.Select(i => new EventDataIndex(Infrastructure.Persistence.Schema, i.Name, i.Field));

    public static void Register(StoreOptions options)
    {
        foreach (var (name, _) in EventDataIndex.All) options.Events.IgnoreIndex(name);
        options.Storage.Add(new AuditEventIndexes(options));
    }
}

public sealed class EventDataIndex(string schema, string name, string dataField) : ISchemaObject
{
    public static readonly (string Name, string Field)[] All = [("mt_events_workshop_id", "workshopId"), ("mt_events_round_id", "roundId")];

    public string Name => name;

    public DbObjectName Identifier { get; } = new Weasel.Postgresql.PostgresqlObjectName(schema, name, Weasel.Postgresql.SchemaUtils.IdentifierUsage.General);

    // tenant_id first (every audit read is one city's), seq_id last (they read in sequence order, a page at a time).
    public string Definition => $"create index if not exists {name} on {schema}.mt_events (tenant_id, (data ->> '{dataField}'), seq_id)";

    public void WriteCreateStatement(Migrator migrator, TextWriter writer) => writer.WriteLine($"{Definition};");

    public void WriteDropStatement(Migrator migrator, TextWriter writer) => writer.WriteLine($"drop index if exists {schema}.{name};");

    public void ConfigureQueryCommand(Weasel.Core.DbCommandBuilder builder)
    {
        builder.Append("select indexname from pg_indexes where schemaname = ");
        builder.AppendParameter(schema);
        builder.Append(" and indexname = ");
        builder.AppendParameter(name);
        builder.Append(";");
    }

    public async Task<ISchemaObjectDelta> CreateDeltaAsync(DbDataReader reader, CancellationToken ct) =>
        new Delta(this, await reader.ReadAsync(ct) ? SchemaPatchDifference.None : SchemaPatchDifference.Create);

    public IEnumerable<DbObjectName> AllNames() => [Identifier];

    private sealed class Delta(EventDataIndex index, SchemaPatchDifference difference) : ISchemaObjectDelta
    {
        public ISchemaObject SchemaObject => index;
        public SchemaPatchDifference Difference => difference;
        public void WriteUpdate(Migrator rules, TextWriter writer) => index.WriteCreateStatement(rules, writer);
        public void WriteRollback(Migrator rules, TextWriter writer) => index.WriteDropStatement(rules, writer);
        public void WriteRestorationOfPreviousState(Migrator rules, TextWriter writer) => WriteRollback(rules, writer);
    }
}
