using System.Collections.Concurrent;
using EPI.Collab.Api.Infrastructure;
using Marten;

namespace EPI.Collab.Api.Features.Cities;

/// <summary>
/// Which city ids are registered, for the route guard and the hub. Registered ids are cached in memory (a city is never
/// unregistered); an id not in the cache is looked up in the database before it is called unknown, so a city registered
/// by another node, or after start-up, is found on its first use. Unknown ids are never cached.
/// </summary>
public sealed class RegisteredCities(IDocumentStore store) : IRegisteredCities
{
    private readonly ConcurrentDictionary<string, bool> _known = new(StringComparer.Ordinal);

    public async ValueTask<bool> ExistsAsync(string cityId, CancellationToken ct)
    {
        if (_known.ContainsKey(cityId)) return true;
        if (!CityIds.IsWellFormed(cityId)) return false;
        await using var session = store.QuerySession(cityId);
        if (await session.Events.FetchStreamStateAsync(CityStream.Id(cityId), ct) is null) return false;
        _known[cityId] = true;
        return true;
    }
}

public static class CityIds
{
    /// <summary>A city id is a lower-case slug; anything else cannot be registered and needs no database round trip.</summary>
    public static bool IsWellFormed(string cityId) =>
        cityId.Length is > 0 and <= 64 && cityId.All(c => c is >= 'a' and <= 'z' or >= '0' and <= '9' or '-');
}
