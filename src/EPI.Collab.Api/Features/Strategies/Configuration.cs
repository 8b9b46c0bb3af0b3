using EPI.Collab.Api.Features.Strategies.GettingDetails;
using JasperFx.Events.Projections;
using Marten;

namespace EPI.Collab.Api.Features.Strategies;

public static class Configuration
{
    public static StoreOptions ConfigureStrategies(this StoreOptions opts)
    {
        opts.Projections.Snapshot<Strategy>(SnapshotLifecycle.Inline);
        opts.Projections.Add<StrategyDetailsProjection>(ProjectionLifecycle.Inline);
        return opts;
    }
}
