using EPI.Collab.Api.Features.Cities.GettingFeed;
using EPI.Collab.Api.Features.Workshops.GettingFeed;
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

    /// <summary>
    /// A message of a followed city's feed (review, organisations, strategy, pilots, transfer, scheduled workshops).
    /// Positions are consecutive per city; on a gap read <c>GET /api/cities/{cityId}/feed?after={last}</c>.
    /// </summary>
    Task CityMessage(CityMessage message);

    /// <summary>
    /// A message of a joined workshop's feed. Positions are consecutive per workshop: a client that sees a
    /// position more than one above the last it applied missed something and reads
    /// <c>GET …/workshops/{id}/feed?after={last}</c>.
    /// </summary>
    Task WorkshopMessage(WorkshopMessage message);
}

/// <summary>
/// The one hub, at <c>/hubs/collab</c>. A connection joins a city's or a workshop's group only after the same
/// policy as the HTTP API allows it; a refused request fails with a <see cref="HubException"/> starting "403".
/// </summary>
[Authorize]
public sealed class CollabHub(IAuthorizationService authorization) : Hub<ICollabClient>
{
    public const string Path = AuthSetup.HubPathPrefix + "/collab";

    public static string CityGroup(string cityId) => $"city:{cityId}";
    public static string WorkshopGroup(Guid workshopId) => $"workshop:{workshopId:N}";

    /// <summary>Receive live updates of a city (its staff, admins and auditors).</summary>
    public async Task FollowCity(string cityId)
    {
        await Require(new CityScope(cityId), Policies.CityReader, $"you may not follow city '{cityId}'.");
        await Groups.AddToGroupAsync(Context.ConnectionId, CityGroup(cityId));
    }

    public Task UnfollowCity(string cityId) => Groups.RemoveFromGroupAsync(Context.ConnectionId, CityGroup(cityId));

    /// <summary>Receive a workshop's feed (its participants, and staff of its city).</summary>
    public async Task JoinWorkshop(string cityId, Guid workshopId)
    {
        await Require(new WorkshopScope(cityId, workshopId), Policies.WorkshopMember, $"you are not a member of workshop {workshopId}.");
        await Groups.AddToGroupAsync(Context.ConnectionId, WorkshopGroup(workshopId));
    }

    public Task LeaveWorkshop(Guid workshopId) => Groups.RemoveFromGroupAsync(Context.ConnectionId, WorkshopGroup(workshopId));

    private async Task Require(object resource, string policy, string refusal)
    {
        var result = await authorization.AuthorizeAsync(Context.User!, resource, policy);
        if (!result.Succeeded) throw new HubException($"403: {refusal}");
    }
}
