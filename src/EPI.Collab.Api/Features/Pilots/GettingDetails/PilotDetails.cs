using EPI.Collab.Api.Features.ReferenceData;
using Marten.Events.Aggregation;

namespace EPI.Collab.Api.Features.Pilots.GettingDetails;

public sealed record Observation(Guid IndicatorId, DateOnly PeriodFrom, DateOnly PeriodTo, decimal Value, int? N, string? SourceRef,
    string RecordedByRole, DateTimeOffset RecordedAt);

public sealed record Evaluation(EvaluatorType EvaluatorType, IReadOnlyList<LocalizedText> Findings, Recommendation Recommendation,
    string ByRole, DateTimeOffset At);

public sealed record PilotStatusEntry(PilotStatus Status, DateOnly On, string? Reason);

/// <summary>Everything about one pilot: lifecycle, observations and evaluations. <see cref="Version"/> is what commands send back.</summary>
public sealed record PilotDetails(Guid Id, string CityId, Guid MeasureId, string Title, PilotStatus Status, DateOnly PlannedLaunch,
    DateOnly PlannedEnd, DateOnly? LaunchDate, DateOnly? EndedOn, IReadOnlyList<string> Sites, IReadOnlyList<DeliveryChannel> Channels,
    IReadOnlyList<PilotStatusEntry> History, IReadOnlyList<Observation> Observations, IReadOnlyList<Evaluation> Evaluations, int Version = 0);

public sealed partial class PilotDetailsProjection : SingleStreamProjection<PilotDetails, Guid>
{
    public static PilotDetails Create(PilotPlanned e) => new(e.PilotId, e.CityId, e.MeasureId, e.Title, PilotStatus.Planned, e.PlannedLaunch,
        e.PlannedEnd, null, null, e.Sites, e.Channels, [], [], []);

    public static PilotDetails Apply(PilotLaunched e, PilotDetails p) => p with
    {
        Status = PilotStatus.Launched, LaunchDate = e.LaunchDate, History = [.. p.History, new(PilotStatus.Launched, e.LaunchDate, null)]
    };

    public static PilotDetails Apply(PilotStatusChanged e, PilotDetails p) => p with
    {
        Status = e.To,
        EndedOn = e.To is PilotStatus.Completed or PilotStatus.Discontinued ? e.On : p.EndedOn,
        History = [.. p.History, new(e.To, e.On, e.Reason)]
    };

    public static PilotDetails Apply(ObservationRecorded e, PilotDetails p) => p with
    {
        Observations = [.. p.Observations, new(e.IndicatorId, e.PeriodFrom, e.PeriodTo, e.Value, e.N, e.SourceRef, e.ByRole, e.At)]
    };

    public static PilotDetails Apply(PilotEvaluated e, PilotDetails p) => p with
    {
        Status = PilotStatus.Evaluated, Evaluations = [.. p.Evaluations, new(e.EvaluatorType, e.Findings, e.Recommendation, e.ByRole, e.At)]
    };
}
