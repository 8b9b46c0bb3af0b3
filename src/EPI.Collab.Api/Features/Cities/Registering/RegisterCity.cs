using Marten;

namespace EPI.Collab.Api.Features.Cities.Registering;

/// <summary>
/// Registers the EPI cities as streams, each in its own tenant. Run by the start-up seed and by tests;
/// a city that already has a stream is left alone, so running it twice changes nothing.
/// </summary>
public static class RegisterCity
{
    public static readonly Guid SeedActor = new("00000000-0000-7000-8000-000000000001");
    public const string SeedRole = "system";

    /// <summary>The decision: a city is registered once.</summary>
    public static CityRegistered? Decide(bool alreadyRegistered, string cityId, CityFacts facts, DateTimeOffset now) =>
        alreadyRegistered ? null : new CityRegistered(cityId, facts, SeedActor, SeedRole, now);

    public static async Task<int> SeedAsync(IDocumentStore store, DateTimeOffset now, CancellationToken ct = default)
    {
        var registered = 0;
        foreach (var (cityId, facts) in EpiCities.All)
        {
            await using var session = store.LightweightSession(cityId);
            var streamId = CityStream.Id(cityId);
            var state = await session.Events.FetchStreamStateAsync(streamId, ct);
            if (Decide(state is not null, cityId, facts, now) is not { } registeredEvent) continue;

            session.Events.StartStream<City>(streamId, registeredEvent);
            await session.SaveChangesAsync(ct);
            registered++;
        }
        return registered;
    }
}
