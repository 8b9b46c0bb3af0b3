using EPI.Collab.Api.Infrastructure.Contract;
using System.ComponentModel.DataAnnotations;
using EPI.Collab.Api.Features.ReferenceData;
using EPI.Collab.Api.Features.Strategies;
using EPI.Collab.Api.Features.Voting;
using EPI.Collab.Api.Features.Workshops;
using EPI.Collab.Api.Features.Workshops.ListingWorkshops;
using EPI.Collab.Api.Features.Workshops.Scheduling;
using EpiTheme = EPI.Collab.Api.Features.Strategies.EpiTheme;

namespace EPI.Collab.Api.Features.Transfer.MethodTemplates;

/// <summary>A workshop's design without its people or content: kind, title, focus question and the phases with their minutes.</summary>
public sealed record AgendaTemplate(WorkshopKind Kind, [property: StringLength(ScheduleWorkshop.MaxTitleLength, MinimumLength = 1)] string Title, [property: Text(1, ScheduleWorkshop.MaxQuestionLength), Length(1, Languages.MaxVersions)] IReadOnlyList<LocalizedText> FocusQuestion, [property: Length(0, ScheduleWorkshop.MaxPhases)] IReadOnlyList<PlannedPhase> Phases);

public sealed record IndicatorSkeleton([property: StringLength(RevisionRules.MaxTitle, MinimumLength = 1)] string Name, IndicatorType Type, [property: StringLength(50, MinimumLength = 1)] string Unit, IndicatorFrequency Frequency);

/// <summary>A measure's title and structure: no owner, partners, budget or origin proposals.</summary>
public sealed record MeasureSkeleton([property: StringLength(RevisionRules.MaxTitle, MinimumLength = 1)] string Title, bool Pilot, [property: Range(0, 100)] int Milestones, [property: Length(0, 50)] IReadOnlyList<IndicatorSkeleton> Indicators);

public sealed record ObjectiveSkeleton([property: Text(1, RevisionRules.MaxText), Length(1, Languages.MaxVersions)] IReadOnlyList<LocalizedText> Statement, [property: Length(0, PolicyAreas.MaxCodes), UniqueItems, ItemLength(1, PolicyAreas.MaxCodeLength)] IReadOnlyList<string> PolicyAreaCodes, [property: Length(1, 10), UniqueItems] IReadOnlyList<EpiTheme> Themes,
    [property: Length(0, 50)] IReadOnlyList<MeasureSkeleton> Measures, [property: Length(0, 50)] IReadOnlyList<IndicatorSkeleton> Indicators);

public sealed record StrategySkeleton([property: Length(0, MethodTemplateRules.MaxObjectives)] IReadOnlyList<ObjectiveSkeleton> Objectives);

/// <summary>Counts only; any count below <see cref="MethodTemplate.SuppressBelow"/> reads "&lt;5" so no small group can be singled out.</summary>
public sealed record OutcomeFigures([property: StringLength(20)] string WorkshopsHeld, [property: StringLength(20)] string Proposals, [property: StringLength(20)] string BallotsCounted, [property: StringLength(20)] string Decisions, [property: StringLength(20)] string RevisionsAdopted);

/// <summary>What the export counts, before suppression.</summary>
public sealed record RawOutcomes(int WorkshopsHeld, int Proposals, int BallotsCounted, int Decisions, int RevisionsAdopted);

/// <summary>
/// A city's process as a versioned, anonymised JSON document that another city imports to start its own:
/// no participant ids, names, proposal texts, budgets or organisation ids.
/// </summary>
public sealed record MethodTemplate([property: Range(1, 100)] int TemplateVersion, [property: StringLength(100, MinimumLength = 1)] string SourceCityId, [property: Length(0, MethodTemplateRules.MaxAgendas)] IReadOnlyList<AgendaTemplate> AgendaTemplates,
    [property: Length(0, MethodTemplateRules.MaxAgendas)] IReadOnlyList<RoundRules> VotingRules, StrategySkeleton? StrategySkeleton, OutcomeFigures? Outcomes)
{
    public const int CurrentVersion = 1;
    public const int SuppressBelow = 5;

    public static MethodTemplate Example => new(CurrentVersion, "cluj-napoca",
        [new(WorkshopKind.PolicyDesignRoundTable, "Round table 2: first jobs for newcomers", [new("en", "What could the city do so that newcomers find a first job?")],
            [new(PhaseType.Welcome, 8), new(PhaseType.Brainstorm, 10, "Ideas"), new(PhaseType.Vote, 10, "Dot voting")])],
        [new(VotingMethod.Dot, ResultsVisibility.HiddenUntilClose, false, true, 5, 2)],
        new([new([new("en", "Newcomers reach all services through one door.")], ["PUBSERV"], [EpiTheme.BasicServicesHealth],
            [new("EPI One-Stop-Shop", true, 1, [new("Newcomers counselled", IndicatorType.Output, "persons", IndicatorFrequency.Quarterly)])], [])]),
        new("<5", "37", "112", "<5", "<5"));

    public static string Suppress(int count) => count < SuppressBelow ? $"<{SuppressBelow}" : count.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static OutcomeFigures Figures(RawOutcomes raw) => new(Suppress(raw.WorkshopsHeld), Suppress(raw.Proposals), Suppress(raw.BallotsCounted),
        Suppress(raw.Decisions), Suppress(raw.RevisionsAdopted));

    /// <summary>The pure export: workshops (with their agendas), the rules of their rounds, the strategy's structure and the counts.</summary>
    public static MethodTemplate Export(string cityId, IEnumerable<(CityWorkshop Workshop, IReadOnlyList<AgendaPhase> Agenda)> workshops,
        IEnumerable<RoundRules> rules, StrategyDocument? strategy, RawOutcomes outcomes) =>
        new(CurrentVersion, cityId,
            [.. workshops.Select(w => new AgendaTemplate(w.Workshop.Kind, w.Workshop.Title, w.Workshop.FocusQuestion,
                [.. w.Agenda.Select(p => new PlannedPhase(p.Type, p.PlannedMinutes, p.Title))]))],
            [.. rules.Distinct()],
            strategy is null ? null : Skeleton(strategy),
            Figures(outcomes));

    public static StrategySkeleton Skeleton(StrategyDocument d) => new([.. d.Objectives.Select(o => new ObjectiveSkeleton(o.Statement, o.PolicyAreaCodes,
        o.Themes,
        [.. d.Measures.Where(m => m.ObjectiveId == o.Id).Select(m => new MeasureSkeleton(m.Title, m.Pilot, m.Timeline.Milestones.Count,
            [.. d.Indicators.Where(x => x.MeasureId == m.Id).Select(Skeleton)]))],
        [.. d.Indicators.Where(x => x.ObjectiveId == o.Id).Select(Skeleton)]))]);

    private static IndicatorSkeleton Skeleton(Indicator x) => new(x.Name, x.Type, x.Unit, x.Frequency);
}
