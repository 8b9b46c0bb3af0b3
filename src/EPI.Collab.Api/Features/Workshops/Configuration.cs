using EPI.Collab.Api.Features.Workshops.ListingWorkshops;
using JasperFx.Events.Projections;
using Marten;

namespace EPI.Collab.Api.Features.Workshops;

public static class Configuration
{
    public static StoreOptions ConfigureWorkshops(this StoreOptions opts)
    {
        opts.Projections.Snapshot<Workshop>(SnapshotLifecycle.Inline);
        opts.Projections.Add<CityWorkshopProjection>(ProjectionLifecycle.Inline);
        opts.Schema.For<CityWorkshop>().Index(x => x.CityId);
        return opts;
    }
}
