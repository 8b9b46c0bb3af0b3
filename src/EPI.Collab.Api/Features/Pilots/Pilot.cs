using EPI.Collab.Api.Features.Cities;
using EPI.Collab.Api.Features.ReferenceData;
using EPI.Collab.Api.Features.Strategies;

namespace EPI.Collab.Api.Features.Pilots;

/// <summary>PLANNED → LAUNCHED → RUNNING ⇄ PAUSED → COMPLETED | DISCONTINUED → EVALUATED.</summary>
public enum PilotStatus { Planned, Launched, Running, Paused, Completed, Discontinued, Evaluated }

public enum DeliveryChannel { OnlinePlatform, InPersonDesk, Outreach, Telephone, PartnerOrganisation }

public enum EvaluatorType { NationalExpert, InternationalExpert, TechnicalPartner, Self }

public enum Recommendation { ScaleUp, Adapt, Stop }

/// <summary>Staff planned a pilot of one measure of the strategy flagged as a pilot.</summary>
public sealed record PilotPlanned(Guid PilotId, string CityId, Guid MeasureId, string Title, DateOnly PlannedLaunch, DateOnly PlannedEnd,
    IReadOnlyList<string> Sites, IReadOnlyList<DeliveryChannel> Channels, Guid By, string ByRole, DateTimeOffset At) : ICityEvent;

public sealed record PilotLaunched(Guid PilotId, string CityId, DateOnly LaunchDate, Guid By, string ByRole, DateTimeOffset At) : ICityEvent;

/// <summary>The pilot ran, paused, resumed, completed or was discontinued on <paramref name="On"/>.</summary>
public sealed record PilotStatusChanged(Guid PilotId, string CityId, PilotStatus From, PilotStatus To, DateOnly On, string? Reason, Guid By,
    string ByRole, DateTimeOffset At) : ICityEvent;

/// <summary>A value of an indicator over a period, from <paramref name="N"/> cases where known (aggregate only).</summary>
public sealed record ObservationRecorded(Guid PilotId, string CityId, Guid IndicatorId, DateOnly PeriodFrom, DateOnly PeriodTo, decimal Value,
    int? N, string? SourceRef, Guid By, string ByRole, DateTimeOffset At) : ICityEvent;

public sealed record PilotEvaluated(Guid PilotId, string CityId, EvaluatorType EvaluatorType, IReadOnlyList<LocalizedText> Findings,
    Recommendation Recommendation, Guid By, string ByRole, DateTimeOffset At) : ICityEvent;

/// <summary>Write model of a pilot stream: what the lifecycle decisions read.</summary>
public sealed record Pilot(Guid Id, string CityId, Guid MeasureId, PilotStatus Status, DateOnly? LaunchDate, int Version = 0)
{
    public static Pilot Create(PilotPlanned e) => new(e.PilotId, e.CityId, e.MeasureId, PilotStatus.Planned, null);

    public Pilot Apply(PilotLaunched e) => this with { Status = PilotStatus.Launched, LaunchDate = e.LaunchDate };
    public Pilot Apply(PilotStatusChanged e) => this with { Status = e.To };
    public Pilot Apply(PilotEvaluated e) => this with { Status = PilotStatus.Evaluated };

    /// <summary>Decisions do not read observations; applying it keeps the version the response reports current.</summary>
    public Pilot Apply(ObservationRecorded e) => this;

    /// <summary>The moves a status change may make (launch and evaluation have their own commands).</summary>
    public static bool CanMove(PilotStatus from, PilotStatus to) => (from, to) switch
    {
        (PilotStatus.Launched, PilotStatus.Running or PilotStatus.Discontinued) => true,
        (PilotStatus.Running, PilotStatus.Paused or PilotStatus.Completed or PilotStatus.Discontinued) => true,
        (PilotStatus.Paused, PilotStatus.Running or PilotStatus.Completed or PilotStatus.Discontinued) => true,
        _ => false
    };

    public bool Observable => Status is not (PilotStatus.Planned or PilotStatus.Evaluated);

    public bool Ended => Status is PilotStatus.Completed or PilotStatus.Discontinued or PilotStatus.Evaluated;

    /// <summary>The indicators a pilot observes: those on its measure and on the measure's objective.</summary>
    public static bool Observes(StrategyDocument strategy, Guid measureId, Guid indicatorId) =>
        strategy.Measures.FirstOrDefault(m => m.Id == measureId) is { } measure
        && strategy.Indicators.Any(i => i.Id == indicatorId && (i.MeasureId == measureId || i.ObjectiveId == measure.ObjectiveId));
}

/// <summary>Refusals every pilot slice words the same way.</summary>
public static class PilotProblems
{
    public static Microsoft.AspNetCore.Mvc.ProblemDetails NotFound(Guid pilotId) =>
        Infrastructure.Problems.NotFound($"There is no pilot {pilotId} in this city.");
}
