using EPI.Collab.Api.Features.Pilots.GettingDetails;
using EPI.Collab.Api.Features.ReferenceData;
using EPI.Collab.Api.Features.Strategies;
using EPI.Collab.Api.Features.Strategies.GettingDetails;

namespace EPI.Collab.Api.Features.Pilots.GettingDashboard;

public sealed record LatestObservation(Guid PilotId, DateOnly PeriodFrom, DateOnly PeriodTo, decimal Value, int? N, string? SourceRef);

/// <param name="Progress">Share of the way from baseline to target reached by the latest observation (1 = target met); null without one.</param>
public sealed record IndicatorProgress(Guid IndicatorId, string Name, IndicatorType Type, string Unit, Guid? MeasureId, Measurement Baseline,
    Measurement Target, LatestObservation? Latest, decimal? Progress);

public sealed record ObjectiveProgress(Guid ObjectiveId, IReadOnlyList<LocalizedText> Statement, IReadOnlyList<IndicatorProgress> Indicators);

/// <param name="MeetsTenMonths">EPI asks for pilots of at least ten months.</param>
public sealed record PilotProgress(Guid PilotId, Guid MeasureId, string Title, PilotStatus Status, DateOnly? LaunchDate, int MonthsRunning,
    bool MeetsTenMonths);

/// <summary>The city's indicators against their targets, by objective, and how long each pilot has run.</summary>
public sealed record CityDashboard(string CityId, StrategyStatus Status, int RevisionNo, IReadOnlyList<ObjectiveProgress> Objectives,
    IReadOnlyList<PilotProgress> Pilots)
{
    public const int MinimumPilotMonths = 10;

    /// <summary>Pure: (latest − baseline) / (target − baseline), to four places; null when there is no distance to cover.</summary>
    public static decimal? Progress(decimal baseline, decimal target, decimal? latest) =>
        latest is null || target == baseline ? null : Math.Round((latest.Value - baseline) / (target - baseline), 4);

    /// <summary>Whole calendar months from the launch to the end (or to today while it runs); pauses count as running time.</summary>
    public static int MonthsRunning(DateOnly? launch, DateOnly? ended, DateOnly today)
    {
        if (launch is not { } start) return 0;
        var end = ended ?? today;
        var months = (end.Year - start.Year) * 12 + end.Month - start.Month - (end.Day < start.Day ? 1 : 0);
        return Math.Max(0, months);
    }

    public static CityDashboard Build(StrategyDetails strategy, IReadOnlyList<PilotDetails> pilots, DateOnly today)
    {
        var document = strategy.Document;
        IndicatorProgress Row(Indicator i)
        {
            var observed = pilots.SelectMany(p => p.Observations.Where(o => o.IndicatorId == i.Id).Select(o => (Pilot: p.Id, o)))
                .OrderBy(x => x.o.PeriodTo).ThenBy(x => x.o.RecordedAt)
                .Select(x => new LatestObservation(x.Pilot, x.o.PeriodFrom, x.o.PeriodTo, x.o.Value, x.o.N, x.o.SourceRef)).LastOrDefault();
            return new(i.Id, i.Name, i.Type, i.Unit, i.MeasureId, i.Baseline, i.Target, observed, Progress(i.Baseline.Value, i.Target.Value, observed?.Value));
        }
        var objectives = document.Objectives.Select(o => new ObjectiveProgress(o.Id, o.Statement,
            [.. document.Indicators.Where(i => i.ObjectiveId == o.Id || document.Measures.Any(m => m.Id == i.MeasureId && m.ObjectiveId == o.Id))
                .Select(Row)])).ToList();
        var pilotRows = pilots.Select(p =>
        {
            var months = MonthsRunning(p.LaunchDate, p.EndedOn, today);
            return new PilotProgress(p.Id, p.MeasureId, p.Title, p.Status, p.LaunchDate, months, months >= MinimumPilotMonths);
        }).ToList();
        return new CityDashboard(strategy.CityId, strategy.Status, strategy.RevisionNo, objectives, pilotRows);
    }
}
