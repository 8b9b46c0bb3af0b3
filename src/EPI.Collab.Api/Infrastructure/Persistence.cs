using JasperFx;
using JasperFx.CodeGeneration;
using JasperFx.Core;
using JasperFx.Events.Daemon;
using JasperFx.MultiTenancy;
using JasperFx.OpenTelemetry;
using JasperFx.Resources;
using Marten;
using Npgsql;
using Weasel.Core;
using Wolverine;
using Wolverine.ErrorHandling;
using Wolverine.Marten;

namespace EPI.Collab.Api.Infrastructure;

/// <summary>
/// Marten (event store and documents) and Wolverine (handlers, outbox, durable local queues) on one PostgreSQL.
/// Each city is a Marten tenant (conjoined tenancy): a session opened for one city cannot read or write another's rows.
/// </summary>
public static class Persistence
{
    public const string Schema = "epi";

    public static string ConnectionString(IConfiguration configuration) =>
        configuration.GetConnectionString("Marten") is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                "ConnectionStrings:Marten is not set. Use ./ops/run.sh, or set ConnectionStrings__Marten.");

    /// <param name="configureStore">The feature areas' events, documents and projections (the composition root names them).</param>
    /// <returns>Marten's registration, for the subscriptions of the feature areas.</returns>
    public static MartenServiceCollectionExtensions.MartenConfigurationExpression AddPersistence(this WebApplicationBuilder builder,
        Action<StoreOptions, IConfiguration> configureStore)
    {
        var production = builder.Environment.IsProduction();
        builder.Services.AddSingleton<StreamNotices>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<StreamNotices>());
        builder.Services.AddSingleton(typeof(NoticedCache<>));
        // Built lazily from the container, so `dotnet run -- help` and `codegen` work without a database.
        var marten = builder.Services.AddMarten(services =>
            {
                var opts = new StoreOptions();
                opts.Connection(ConnectionString(services.GetRequiredService<IConfiguration>()));
                opts.DatabaseSchemaName = Schema;
                // System.Text.Json, enums as strings, camelCase; reads a buffered row's JSON synchronously (StoredJson).
                opts.Serializer(new StoredJson());
                opts.Events.TenancyStyle = TenancyStyle.Conjoined;
                // Wake the daemon's subscriptions by LISTEN/NOTIFY on append instead of waiting for its next poll
                // (250 ms busy, 1 s idle): part of "ballot committed → tally on the phone" (ops/perf/README.md).
                opts.Events.UseListenNotifyForEventAppends = true;
                opts.Policies.AllDocumentsAreMultiTenanted();
                opts.OpenTelemetry.TrackConnections = TrackLevel.Normal;
                opts.OpenTelemetry.TrackEventCounters();
                opts.AutoCreateSchemaObjects = production ? AutoCreate.None : AutoCreate.CreateOrUpdate;
                configureStore(opts, services.GetRequiredService<IConfiguration>());
                opts.ConnectNotices(services.GetRequiredService<StreamNotices>()); // the per-node caches (NoticedCache)
                return opts;
            })
            .UseLightweightSessions()
            .AddAsyncDaemon(ScaleOut.Daemon(builder.Configuration))
            .IntegrateWithWolverine();
        if (!production) marten.ApplyAllDatabaseChangesOnStartup();

        // Generated code (README "Generated code"): Production loads the handler types committed under Internal/Generated
        // (TypeLoadMode.Static, written by ./ops/codegen.sh) and refuses to start when one is missing; every other
        // environment compiles each on its first use (Dynamic), so a changed endpoint needs no regeneration to run or test.
        // Codegen:OutputPath redirects `codegen write` (the staleness test writes into a temporary folder). Codegen:Static
        // loads the committed code in any environment: the load runs (ops/perf.sh) measure the service as Production runs it,
        // not Roslyn compiling an endpoint on its first call and the JIT recompiling Roslyn while a storm is measured.
        var staticCode = production || builder.Configuration.GetValue<bool>("Codegen:Static");
        builder.Services.CritterStackDefaults(x =>
        {
            x.Production.GeneratedCodeMode = TypeLoadMode.Static;
            x.Production.AssertAllPreGeneratedTypesExist = production;
            x.Production.SourceCodeWritingEnabled = false;
            x.Development.GeneratedCodeMode = staticCode ? TypeLoadMode.Static : TypeLoadMode.Dynamic;
            if (builder.Configuration["Codegen:OutputPath"] is { Length: > 0 } output) x.GeneratedCodeOutputPath = output;
        });
        builder.Host.UseWolverine(opts =>
        {
            opts.UseRuntimeCompilation(); // Dynamic outside Production, and the `codegen` commands
            opts.CodeGeneration.Sources.Add(new Auth.ActorSource()); // endpoints take `Actor actor`
            opts.CodeGeneration.TypeLoadMode = staticCode ? TypeLoadMode.Static : TypeLoadMode.Dynamic;
            ScaleOut.ApplyDurability(opts, builder.Configuration);
            opts.Policies.AutoApplyTransactions();
            opts.Policies.UseDurableLocalQueues();
            opts.Policies.UseDurableOutboxOnAllSendingEndpoints();
            opts.OnException<NpgsqlException>()
                .RetryWithCooldown(100.Milliseconds(), 500.Milliseconds(), 2.Seconds())
                .Then.MoveToErrorQueue();
            if (!production) opts.Services.AddResourceSetupOnStartup();
        });
        return marten;
    }
}
