using EPI.Collab.Api.Features.Pilots.GettingDetails;
using JasperFx.Events.Projections;
using Marten;

namespace EPI.Collab.Api.Features.Pilots;

public static class Configuration
{
    public static StoreOptions ConfigurePilots(this StoreOptions opts)
    {
        opts.Projections.Snapshot<Pilot>(SnapshotLifecycle.Inline);
        opts.Projections.Add<PilotDetailsProjection>(ProjectionLifecycle.Inline);
        return opts;
    }
}
