using EPI.Collab.Api.Features.ReferenceData;

namespace EPI.Collab.Api.Features.Workshops;

public enum WorkshopKind
{
    PolicyDesignRoundTable, FocusGroup, ThemeGroup, OpenDay, NetworkMeeting,
    NationalConference, ReplicationWorkshop, TransnationalMeeting
}

public enum WorkshopStatus { Scheduled, Open, InProgress, Closed }

/// <summary>A facilitator put a workshop on a city's calendar.</summary>
public sealed record WorkshopScheduled(
    Guid WorkshopId,
    string CityId,
    WorkshopKind Kind,
    string Title,
    IReadOnlyList<LocalizedText> FocusQuestion,
    IReadOnlyList<string> Languages,
    DateTimeOffset? StartsAt,
    DateTimeOffset? EndsAt,
    Guid ScheduledBy,
    string ScheduledByRole,
    DateTimeOffset ScheduledAt);

/// <summary>Write model of a workshop stream.</summary>
public sealed record Workshop(Guid Id, string CityId, WorkshopStatus Status)
{
    public static Workshop Create(WorkshopScheduled e) => new(e.WorkshopId, e.CityId, WorkshopStatus.Scheduled);
}
