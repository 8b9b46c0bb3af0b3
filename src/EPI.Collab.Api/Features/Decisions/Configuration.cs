using JasperFx.Events.Projections;
using Marten;

namespace EPI.Collab.Api.Features.Decisions;

public static class Configuration
{
    public static StoreOptions ConfigureDecisions(this StoreOptions opts)
    {
        opts.Projections.Add<DecisionRecordProjection>(ProjectionLifecycle.Inline);
        opts.Schema.For<DecisionRecord>().Index(x => x.WorkshopId);
        return opts;
    }
}
