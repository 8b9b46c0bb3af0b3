using EPI.Collab.Api.Features.ReferenceData;
using Marten.Events.Aggregation;

namespace EPI.Collab.Api.Features.Workshops.ListingWorkshops;

/// <summary>One row of a city's workshop calendar; also the payload pushed to clients following the city.</summary>
public sealed record CityWorkshop(
    Guid Id,
    string CityId,
    WorkshopKind Kind,
    string Title,
    IReadOnlyList<LocalizedText> FocusQuestion,
    IReadOnlyList<string> Languages,
    DateTimeOffset? StartsAt,
    DateTimeOffset? EndsAt,
    WorkshopStatus Status,
    DateTimeOffset ScheduledAt,
    int Version = 0,
    AdmissionMode Admission = AdmissionMode.Open);

public sealed partial class CityWorkshopProjection : SingleStreamProjection<CityWorkshop, Guid>
{
    public static CityWorkshop Create(WorkshopScheduled e) => new(e.WorkshopId, e.CityId, e.Kind, e.Title,
        e.FocusQuestion, e.Languages, e.StartsAt, e.EndsAt, WorkshopStatus.Scheduled, e.ScheduledAt);

    public static CityWorkshop Apply(WorkshopOpened e, CityWorkshop w) => w with { Status = WorkshopStatus.Open };
    public static CityWorkshop Apply(PhaseStarted e, CityWorkshop w) => w with { Status = WorkshopStatus.InProgress };
    public static CityWorkshop Apply(WorkshopClosed e, CityWorkshop w) => w with { Status = WorkshopStatus.Closed };

    // No change to the row, but Marten only advances Version for events the projection handles: without these the
    // row's version lags the stream after a phase is extended or ended, and a client using it gets a false 409.
    public static CityWorkshop Apply(PhaseExtended e, CityWorkshop w) => w;
    public static CityWorkshop Apply(PhaseEnded e, CityWorkshop w) => w;
    public static CityWorkshop Apply(AdmissionChanged e, CityWorkshop w) => w with { Admission = e.Mode };
    public static CityWorkshop Apply(SeatCodesIssued e, CityWorkshop w) => w;
}
