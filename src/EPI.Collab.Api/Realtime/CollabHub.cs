using EPI.Collab.Api.Features.Workshops.ListingWorkshops;
using EPI.Collab.Api.Infrastructure.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace EPI.Collab.Api.Realtime;

/// <summary>Messages the server pushes to connected clients.</summary>
public interface ICollabClient
{
    /// <summary>A workshop was scheduled in a city this connection follows.</summary>
    Task WorkshopScheduled(CityWorkshop workshop);
}

/// <summary>
/// The one hub, at <c>/hubs/collab</c>. A connection joins a city's group only after the same
/// city policy as the HTTP API allows it; a refused follow fails with a <see cref="HubException"/>.
/// </summary>
[Authorize]
public sealed class CollabHub(IAuthorizationService authorization) : Hub<ICollabClient>
{
    public const string Path = AuthSetup.HubPathPrefix + "/collab";

    public static string CityGroup(string cityId) => $"city:{cityId}";

    /// <summary>Receive live updates of a city (its staff, admins and auditors).</summary>
    public async Task FollowCity(string cityId)
    {
        var result = await authorization.AuthorizeAsync(Context.User!, new CityScope(cityId), Policies.CityReader);
        if (!result.Succeeded) throw new HubException($"403: you may not follow city '{cityId}'.");
        await Groups.AddToGroupAsync(Context.ConnectionId, CityGroup(cityId));
    }

    public Task UnfollowCity(string cityId) => Groups.RemoveFromGroupAsync(Context.ConnectionId, CityGroup(cityId));
}
