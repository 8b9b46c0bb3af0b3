using System.Collections.Concurrent;
using Marten;

namespace EPI.Collab.Api.Features.Workshops.ListingWorkshops;

/// <summary>
/// Which workshops a city has, for the hub's "workshop of this city" check on every call (a vote storm calls it once per
/// ballot). A workshop, once scheduled, is never deleted nor moved to another city, so a workshop found once is cached
/// for the life of the node; one not found is looked up in the database again on its next use (scheduled on another
/// node, or a moment ago) and never cached.
/// </summary>
public sealed class KnownWorkshops(IDocumentStore store)
{
    private readonly ConcurrentDictionary<(string City, Guid Workshop), bool> _known = new();

    public async ValueTask<bool> ExistsAsync(string cityId, Guid workshopId, CancellationToken ct)
    {
        if (_known.ContainsKey((cityId, workshopId))) return true;
        // The session is the city's tenant: a workshop of another city is not found there.
        await using var session = store.QuerySession(cityId);
        var workshop = await session.LoadAsync<CityWorkshop>(workshopId, ct);
        if (workshop is null || workshop.CityId != cityId) return false;
        _known[(cityId, workshopId)] = true;
        return true;
    }
}
