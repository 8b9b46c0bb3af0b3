using System.Text.Json;
using EPI.Collab.Api.Features.Live;
using EPI.Collab.Api.Features.Voting.Casting;
using EPI.Collab.Api.Features.Workshops.ListingWorkshops;
using EPI.Collab.Api.Infrastructure;
using EPI.Collab.Api.Infrastructure.Auth;
using Marten;
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

    /// <summary>
    /// To a workshop's staff who watch its admission: more joins in a minute than its cap or printed seats allow
    /// (refused joins included). Sent at most every 10 seconds per workshop while the burst lasts.
    /// </summary>
    Task JoinBurst(Features.Participants.Joining.JoinBurstAlert alert);
}

/// <summary>
/// The one hub, at <c>/hubs/collab</c>. A hub method is an endpoint: it checks the same policy as the HTTP API for
/// the city and workshop it names, in the order HTTP does: the city must be registered ("404"), the policy must allow
/// the caller ("403"), and the workshop must belong to the city ("404"). A refusal fails with a <see cref="HubException"/>
/// whose message starts with that status. The README's Real time table lists each method's check. Past those checks,
/// <see cref="CastBallot"/> answers rule refusals as a result (<see cref="HubBallotAnswer"/>), never as an exception.
/// </summary>
[Authorize]
public sealed class CollabHub(IAuthorizationService authorization, IRegisteredCities cities, KnownWorkshops workshops, HubBallots ballots)
    : Hub<ICollabClient>
{
    public const string Path = AuthSetup.HubPathPrefix + "/collab";

    public static string CityGroup(string cityId) => $"city:{cityId}";
    public static string WorkshopGroup(Guid workshopId) => $"workshop:{workshopId:N}";
    public static string AdmissionGroup(Guid workshopId) => $"admission:{workshopId:N}";

    /// <summary>Receive live updates of a city (its staff, admins and auditors).</summary>
    public async Task FollowCity(string cityId)
    {
        await RequireCity(cityId);
        await Require(new CityScope(cityId), Policies.CityReader, $"you may not follow city '{cityId}'.");
        await Groups.AddToGroupAsync(Context.ConnectionId, CityGroup(cityId));
    }

    /// <summary>Stop receiving a city's updates; leaving a group reveals nothing, so any signed-in caller may.</summary>
    public Task UnfollowCity(string cityId) => Groups.RemoveFromGroupAsync(Context.ConnectionId, CityGroup(cityId));

    /// <summary>Receive a workshop's feed (its participants, and staff of its city).</summary>
    public async Task JoinWorkshop(string cityId, Guid workshopId)
    {
        await RequireCity(cityId);
        await Require(new WorkshopScope(cityId, workshopId), Policies.WorkshopMember, $"you are not a member of workshop {workshopId}.");
        await RequireWorkshop(cityId, workshopId);
        await Groups.AddToGroupAsync(Context.ConnectionId, WorkshopGroup(workshopId));
    }

    /// <summary>
    /// Cast (or, where the round allows it, replace) this participant's ballot over the connection: the same contract,
    /// rules, idempotency and answers as <c>POST …/rounds/{roundId}/ballot</c>, answered after the durable commit.
    /// <paramref name="idempotencyKey"/> is the HTTP <c>Idempotency-Key</c>: the same key over either path is one ballot.
    /// Refusals past the hub's city/policy/workshop checks come back in <see cref="HubBallotAnswer.Problem"/>.
    /// <paramref name="ballot"/> is the HTTP body's JSON, raw: the door's reading of it answers any JSON as HTTP does.
    /// </summary>
    public async Task<HubBallotAnswer> CastBallot(string cityId, Guid workshopId, Guid roundId, JsonElement? ballot, string? idempotencyKey)
    {
        await RequireCity(cityId);
        await Require(new WorkshopScope(cityId, workshopId), Policies.WorkshopMember, $"you are not a member of workshop {workshopId}.");
        await RequireWorkshop(cityId, workshopId);
        return await ballots.CastAsync(Context.User!, Context.GetHttpContext()?.Connection.RemoteIpAddress?.ToString(), cityId, workshopId, roundId,
            ballot, idempotencyKey, Context.ConnectionAborted);
    }

    /// <summary>Receive a workshop's admission alerts (join bursts): staff who run the workshop (city staff policy).</summary>
    public async Task WatchAdmission(string cityId, Guid workshopId)
    {
        await RequireCity(cityId);
        await Require(new CityScope(cityId), Policies.CityStaff, $"you may not run workshop {workshopId}.");
        await RequireWorkshop(cityId, workshopId);
        await Groups.AddToGroupAsync(Context.ConnectionId, AdmissionGroup(workshopId));
    }

    /// <summary>Stop receiving a workshop's feed; leaving a group reveals nothing, so any signed-in caller may.</summary>
    public Task LeaveWorkshop(Guid workshopId) => Groups.RemoveFromGroupAsync(Context.ConnectionId, WorkshopGroup(workshopId));

    private async Task Require(object resource, string policy, string refusal)
    {
        var result = await authorization.AuthorizeAsync(Context.User!, resource, policy);
        if (!result.Succeeded) throw new HubException($"403: {refusal}");
    }

    private async Task RequireWorkshop(string cityId, Guid workshopId)
    {
        if (!await workshops.ExistsAsync(cityId, workshopId, Context.ConnectionAborted))
            throw new HubException($"404: city '{cityId}' has no workshop {workshopId}.");
    }

    private async Task RequireCity(string cityId)
    {
        if (!await cities.ExistsAsync(cityId, Context.ConnectionAborted)) throw new HubException($"404: there is no city '{cityId}'.");
    }
}
