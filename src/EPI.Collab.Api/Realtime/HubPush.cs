using EPI.Collab.Api.Features.Live;
using EPI.Collab.Api.Features.Participants.Joining;
using EPI.Collab.Api.Features.Workshops.ListingWorkshops;
using Microsoft.AspNetCore.SignalR;

namespace EPI.Collab.Api.Realtime;

/// <summary>Sends what the live area committed to the hub's groups: a city's followers or a workshop's members.</summary>
public sealed class HubPush(IHubContext<CollabHub, ICollabClient> hub) : ILivePush
{
    public Task WorkshopScheduled(string cityId, CityWorkshop workshop) =>
        hub.Clients.Group(CollabHub.CityGroup(cityId)).WorkshopScheduled(workshop);

    public Task WorkshopMessage(WorkshopMessage message) =>
        hub.Clients.Group(CollabHub.WorkshopGroup(message.WorkshopId)).WorkshopMessage(message);

    public Task CityMessage(CityMessage message) =>
        hub.Clients.Group(CollabHub.CityGroup(message.CityId)).CityMessage(message);

    public Task JoinBurst(JoinBurstAlert alert) => hub.Clients.Group(CollabHub.AdmissionGroup(alert.WorkshopId)).JoinBurst(alert);
}

public static class RealtimeConfiguration
{
    /// <summary>The SignalR side of the live area: the relay's commits go out through the hub.</summary>
    public static IServiceCollection AddRealtime(this IServiceCollection services) => services.AddSingleton<ILivePush, HubPush>();
}
