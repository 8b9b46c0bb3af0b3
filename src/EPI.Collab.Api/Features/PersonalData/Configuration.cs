using EPI.Collab.Api.Features.PersonalData.BreakGlass;
using EPI.Collab.Api.Features.PersonalData.Erasing;
using JasperFx.Events.Projections;
using Marten;
using Wolverine;

namespace EPI.Collab.Api.Features.PersonalData;

public static class Configuration
{
    public static StoreOptions ConfigurePersonalData(this StoreOptions opts)
    {
        opts.Schema.For<SubjectKey>();
        opts.Projections.Snapshot<AuditAccessGrant>(SnapshotLifecycle.Inline);
        opts.Projections.Snapshot<SubjectErasure>(SnapshotLifecycle.Inline);
        opts.Events.AddEventType<AuditAccessGranted>();
        opts.Events.AddEventType<PersonalDataAccessed>();
        opts.Events.AddEventType<SubjectErasureRequested>();
        opts.Events.AddEventType<SubjectKeyShredded>();
        return opts;
    }

    public static WebApplicationBuilder AddPersonalData(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(services =>
            KeyRing.FromConfiguration(services.GetRequiredService<IConfiguration>(), builder.Environment.IsDevelopment()));
        builder.Services.ConfigureWolverine(opts => opts.CodeGeneration.Sources.Add(new RevealContextSource())); // endpoints take `RevealContext reveal`
        return builder;
    }
}
