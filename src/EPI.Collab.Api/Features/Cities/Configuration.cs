using EPI.Collab.Api.Features.Live;
using EPI.Collab.Api.Features.Cities.GettingProfiles;
using EPI.Collab.Api.Features.Cities.Registering;
using EPI.Collab.Api.Infrastructure;
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

    /// <summary>The start-up seed and the registered-city lookup behind the route guard and the hub.</summary>
    public static IServiceCollection AddCities(this IServiceCollection services)
    {
        services.AddSingleton<IRegisteredCities, RegisteredCities>();
        services.AddHostedService<CitySeeding>();
        return services;
    }
}
