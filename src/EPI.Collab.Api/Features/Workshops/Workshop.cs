using EPI.Collab.Api.Features.ReferenceData;

namespace EPI.Collab.Api.Features.Workshops;

public enum WorkshopKind
{
    PolicyDesignRoundTable, FocusGroup, ThemeGroup, OpenDay, NetworkMeeting,
    NationalConference, ReplicationWorkshop, TransnationalMeeting
}

public enum WorkshopStatus { Scheduled, Open, InProgress, Closed }

public enum PhaseType
{
    Welcome, Context, FocusQuestion, Brainstorm, WorldCafeRound, Cluster, Name, Clarify,
    Vote, Score, Decide, Close, Break, ProblemTree, Swot, Moscow, DelphiRound
}

/// <summary>One planned step of a workshop's agenda.</summary>
public sealed record AgendaPhase(Guid PhaseId, PhaseType Type, string? Title, int PlannedMinutes);

/// <summary>Every event of a workshop's own stream names the workshop, the acting subject and role, and the time.</summary>
public interface IWorkshopEvent
{
    Guid WorkshopId { get; }
}

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
    DateTimeOffset ScheduledAt,
    IReadOnlyList<AgendaPhase>? Agenda = null) : IWorkshopEvent, Cities.ICityEvent;

/// <summary>The workshop accepts participants under a join code.</summary>
public sealed record WorkshopOpened(Guid WorkshopId, string JoinCode, Guid By, string ByRole, DateTimeOffset At) : IWorkshopEvent;

public sealed record PhaseStarted(Guid WorkshopId, Guid PhaseId, DateTimeOffset PlannedEnd, Guid By, string ByRole, DateTimeOffset At)
    : IWorkshopEvent;

public sealed record PhaseExtended(Guid WorkshopId, Guid PhaseId, int Minutes, DateTimeOffset PlannedEnd, Guid By, string ByRole,
    DateTimeOffset At) : IWorkshopEvent;

public sealed record PhaseEnded(Guid WorkshopId, Guid PhaseId, Guid By, string ByRole, DateTimeOffset At) : IWorkshopEvent;

/// <summary>The workshop is over: no more joins, contributions or ballots.</summary>
public sealed record WorkshopClosed(Guid WorkshopId, Guid By, string ByRole, DateTimeOffset At) : IWorkshopEvent;

/// <summary>
/// How people enter the room: anyone with the join code; a join waits for the facilitator; or a printed seat code, one per
/// seat, each usable once.
/// </summary>
public enum AdmissionMode { Open, FacilitatorAdmits, SeatCodes }

/// <summary>The facilitator set how people enter the workshop, and how many may be in it at once (null: no cap).</summary>
public sealed record AdmissionChanged(Guid WorkshopId, AdmissionMode Mode, int? Cap, Guid By, string ByRole, DateTimeOffset At)
    : IWorkshopEvent;

/// <summary>The facilitator printed more seat codes (the codes themselves are documents, not events).</summary>
public sealed record SeatCodesIssued(Guid WorkshopId, int Count, int Seats, Guid By, string ByRole, DateTimeOffset At) : IWorkshopEvent;

public sealed record RunningPhase(Guid PhaseId, DateTimeOffset PlannedEnd);

/// <summary>Write model of a workshop stream: what lifecycle decisions read. Marten sets <see cref="Version"/>.</summary>
public sealed record Workshop(
    Guid Id,
    string CityId,
    WorkshopStatus Status,
    IReadOnlyList<AgendaPhase> Agenda,
    RunningPhase? Running,
    string? JoinCode,
    int Version = 0,
    AdmissionMode Admission = AdmissionMode.Open,
    int? Cap = null,
    int Seats = 0)
{
    public static Workshop Create(WorkshopScheduled e) =>
        new(e.WorkshopId, e.CityId, WorkshopStatus.Scheduled, e.Agenda ?? [], null, null);

    public Workshop Apply(WorkshopOpened e) => this with { Status = WorkshopStatus.Open, JoinCode = e.JoinCode };
    public Workshop Apply(PhaseStarted e) => this with { Status = WorkshopStatus.InProgress, Running = new(e.PhaseId, e.PlannedEnd) };
    public Workshop Apply(PhaseExtended e) => this with { Running = Running! with { PlannedEnd = e.PlannedEnd } };
    public Workshop Apply(PhaseEnded e) => this with { Running = null };
    public Workshop Apply(WorkshopClosed e) => this with { Status = WorkshopStatus.Closed, Running = null };
    public Workshop Apply(AdmissionChanged e) => this with { Admission = e.Mode, Cap = e.Cap };
    public Workshop Apply(SeatCodesIssued e) => this with { Seats = e.Seats };

    public AgendaPhase? Phase(Guid phaseId) => Agenda.FirstOrDefault(p => p.PhaseId == phaseId);

    public bool IsLive => Status is WorkshopStatus.Open or WorkshopStatus.InProgress;
}

/// <summary>Refusals every workshop slice words the same way.</summary>
public static class WorkshopProblems
{
    public static Microsoft.AspNetCore.Mvc.ProblemDetails NotFound(Guid workshopId) =>
        Infrastructure.Problems.NotFound($"There is no workshop {workshopId} in this city.");
}
