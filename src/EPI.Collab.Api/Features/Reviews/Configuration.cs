using EPI.Collab.Api.Features.Reviews.GettingDetails;
using JasperFx.Events.Projections;
using Marten;

namespace EPI.Collab.Api.Features.Reviews;

public static class Configuration
{
    public static StoreOptions ConfigureReviews(this StoreOptions opts)
    {
        opts.Projections.Snapshot<Review>(SnapshotLifecycle.Inline);
        opts.Projections.Add<ReviewDetailsProjection>(ProjectionLifecycle.Inline);
        return opts;
    }
}
