using EPI.Collab.Api.Features;
using EPI.Collab.Api.Features.Audit.TimeTravel;
using EPI.Collab.Api.Features.Participants;
using EPI.Collab.Api.Features.Voting;
using EPI.Collab.Api.Infrastructure;
using JasperFx;
using JasperFx.MultiTenancy;
using Marten;
using Npgsql;
using Weasel.Core;

namespace EPI.Collab.Load;

/// <summary>
/// A database of its own for the replay and time-travel scenarios, with the service's event and projection setup
/// (the same options as Infrastructure/Persistence.cs), so a million events never reach the running service's daemon.
/// </summary>
public static class ReplayStore
{
    public const string Tenant = "cluj-napoca";

    /// <param name="storedStateEvery">K of the time-travel stored states (S5 compares several).</param>
    public static async Task<DocumentStore> Create(string serverConnectionString, string database, bool fresh, CancellationToken ct,
        int storedStateEvery = StoredStates.DefaultEvery)
    {
        var admin = new NpgsqlConnectionStringBuilder(serverConnectionString) { Database = "postgres", Pooling = false }.ConnectionString;
        if (fresh) await PgBench.Sql(admin, $"drop database if exists {database} with (force)", ct);
        var created = false;
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync(ct);
            await using var exists = new NpgsqlCommand($"select 1 from pg_database where datname = '{database}'", connection);
            if (await exists.ExecuteScalarAsync(ct) is null)
            {
                await using var create = new NpgsqlCommand($"create database {database}", connection);
                await create.ExecuteNonQueryAsync(ct);
                created = true;
            }
        }
        var store = DocumentStore.For(opts =>
        {
            opts.Connection(ConnectionString(serverConnectionString, database));
            opts.DatabaseSchemaName = "epi";
            opts.Serializer(new StoredJson());
            opts.Events.TenancyStyle = TenancyStyle.Conjoined;
            opts.Policies.AllDocumentsAreMultiTenanted();
            opts.AutoCreateSchemaObjects = AutoCreate.None;
            opts.ConfigureFeatures(storedStateEvery);
        });
        // The schema is applied once, when the database is new (S4 starts fresh; S5 reuses what S4 built).
        if (created) await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        return store;
    }

    public static string ConnectionString(string server, string database) =>
        new NpgsqlConnectionStringBuilder(server) { Database = database, MaxPoolSize = 20 }.ConnectionString;

    public static Task Drop(string server, string database, CancellationToken ct = default) =>
        PgBench.Sql(new NpgsqlConnectionStringBuilder(server) { Database = "postgres", Pooling = false }.ConnectionString,
            $"drop database if exists {database} with (force)", ct);

    private static readonly Guid OptionA = new("0196f3a0-7c1e-7a52-9c3b-5d1e2f3a4b5c"), OptionB = new("0196f3a0-7c1e-7a52-9c3b-5d1e2f3a4b5d");

    /// <summary>A ballot stream: the first ballot, then <paramref name="changes"/> changes of it.</summary>
    public static object[] BallotStream(Guid ballotId, Guid roundId, Guid workshopId, int first, int changes)
    {
        var events = new object[changes + (first == 0 ? 1 : 0)];
        var at = DateTimeOffset.UtcNow;
        var i = 0;
        if (first == 0)
            events[i++] = new BallotCast(ballotId, roundId, workshopId, [new(OptionA, 3), new(OptionB, 2)], StakeholderGroup.Resident,
                BallotChannel.Phone, null, null, at);
        for (var n = 0; n < changes; n++)
            events[i++] = new BallotChanged(ballotId, roundId, workshopId, [new(OptionA, (first + n) % 4), new(OptionB, 1)], at);
        return events;
    }
}
