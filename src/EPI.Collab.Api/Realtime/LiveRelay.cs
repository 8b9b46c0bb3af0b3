using EPI.Collab.Api.Features.Workshops;
using EPI.Collab.Api.Features.Workshops.ListingWorkshops;
using JasperFx.Events;
using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using Marten.Subscriptions;
using Microsoft.AspNetCore.SignalR;

namespace EPI.Collab.Api.Realtime;

/// <summary>
/// The single relay from committed events to SignalR: a Marten subscription run by the async daemon,
/// so it sees events in commit order behind the high-water mark and never pushes an uncommitted change.
/// </summary>
public sealed class LiveRelay : SubscriptionBase
{
    private readonly IHubContext<CollabHub, ICollabClient> _hub;

    public LiveRelay(IHubContext<CollabHub, ICollabClient> hub)
    {
        _hub = hub;
        Name = "LiveRelay";
        IncludeType<WorkshopScheduled>();
        Options.SubscribeFromPresent();
    }

    public override async Task<IChangeListener> ProcessEventsAsync(EventRange page, ISubscriptionController controller,
        IDocumentOperations operations, CancellationToken cancellationToken)
    {
        foreach (var e in page.Events)
        {
            if (e.Data is WorkshopScheduled scheduled)
                await _hub.Clients.Group(CollabHub.CityGroup(scheduled.CityId))
                    .WorkshopScheduled(CityWorkshopProjection.Create(scheduled));
        }
        return NullChangeListener.Instance;
    }
}

public static class RealtimeConfiguration
{
    public static MartenServiceCollectionExtensions.MartenConfigurationExpression AddRealtimeRelay(
        this MartenServiceCollectionExtensions.MartenConfigurationExpression marten) =>
        marten.AddSubscriptionWithServices<LiveRelay>(ServiceLifetime.Singleton);
}
