using EPI.Collab.Api.Features.Cities.GettingFeed;
using EPI.Collab.Api.Features.Cities.GettingProfiles;
using JasperFx.Events.Projections;
using Marten;

namespace EPI.Collab.Api.Features.Cities;

public static class Configuration
{
    public static StoreOptions ConfigureCities(this StoreOptions opts)
    {
        opts.Projections.Add<CityProfileProjection>(ProjectionLifecycle.Inline);
        opts.Schema.For<CityMessage>().Index(x => x.CityId).Index(x => x.Position);
        opts.Schema.For<CityFeedHead>();
        return opts;
    }
}
