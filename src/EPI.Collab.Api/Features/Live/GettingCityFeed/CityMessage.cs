using EPI.Collab.Api.Features.Cities;
namespace EPI.Collab.Api.Features.Live;

/// <summary>
/// One message of a city's live feed: an <see cref="ICityEvent"/> as clients see it. Positions are per city, start
/// at 1, have no gaps and follow the event log, like a workshop's feed.
/// </summary>
public sealed record CityMessage(string Id, string CityId, long Position, string Type, object Data, DateTimeOffset At)
{
    public static string IdFor(string cityId, long position) => $"{cityId}:{position:D12}";

    /// <summary>The message type of an event: its name in kebab case, e.g. <c>workshop-scheduled</c>.</summary>
    public static string TypeOf(object @event) => System.Text.Json.JsonNamingPolicy.KebabCaseLower.ConvertName(@event.GetType().Name);
}

/// <summary>The last position given out on a city's feed (kept by the relay, the feed's only writer).</summary>
public sealed record CityFeedHead(string Id, long Position);

/// <summary>
/// A decision was recorded in one of the city's workshops. A feed message only, not a stored event: the relay derives it
/// from <see cref="Decisions.DecisionRecorded"/> (a workshop event) so that whoever follows the city (the workspace's
/// pickers of decisions) learns of it live. Ids only; the decision is read from its workshop.
/// </summary>
public sealed record CityDecisionRecorded(string CityId, Guid DecisionId, Guid WorkshopId) : ICityEvent;
