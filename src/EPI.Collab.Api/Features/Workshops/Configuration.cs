using EPI.Collab.Api.Features.Workshops.ListingWorkshops;
using EPI.Collab.Api.Features.Workshops.Opening;
using EPI.Collab.Api.Features.Live;
using JasperFx.Events.Projections;
using Marten;

namespace EPI.Collab.Api.Features.Workshops;

public static class Configuration
{
    /// <summary>The per-node cache of known workshops behind the hub's workshop check.</summary>
    public static IServiceCollection AddWorkshops(this IServiceCollection services) => services.AddSingleton<KnownWorkshops>();

    public static StoreOptions ConfigureWorkshops(this StoreOptions opts)
    {
        opts.Projections.Snapshot<Workshop>(SnapshotLifecycle.Inline);
        opts.Projections.Add<CityWorkshopProjection>(ProjectionLifecycle.Inline);
        opts.Schema.For<CityWorkshop>().Index(x => x.CityId);
        opts.Schema.For<WorkshopMessage>().Index(x => x.WorkshopId).Index(x => x.Position);
        opts.Schema.For<WorkshopBoard>();
        opts.Schema.For<Admitting.SeatCode>().Index(x => x.WorkshopId);
        // Not tenanted: the code must be unique across every city's open workshops.
        opts.Schema.For<OpenJoinCode>().SingleTenanted();
        return opts;
    }
}
