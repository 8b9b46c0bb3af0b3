using System.Text.Json.Serialization;
using EPI.Collab.Api.Infrastructure.Contract;
using System.ComponentModel.DataAnnotations;
using EPI.Collab.Api.Features.ReferenceData;

namespace EPI.Collab.Api.Features.Strategies;

public enum EpiTheme { Inclusion, Housing, BasicServicesHealth, CulturalExchange, LabourMarket }

public enum BudgetSource { Amif, Municipal, Other }

public enum IndicatorType { Output, Outcome, Impact, Process }

public enum IndicatorFrequency { Monthly, Quarterly, SemiAnnual, Annual }

public sealed record StrategicObjective(Guid Id, [property: Text(1, RevisionRules.MaxText), Length(1, Languages.MaxVersions)] IReadOnlyList<LocalizedText> Statement, [property: Length(0, PolicyAreas.MaxCodes), UniqueItems, ItemLength(1, PolicyAreas.MaxCodeLength)] IReadOnlyList<string> PolicyAreaCodes,
    [property: Length(1, 10), UniqueItems] IReadOnlyList<EpiTheme> Themes);

public sealed record Milestone([property: StringLength(RevisionRules.MaxTitle, MinimumLength = 1)] string Title, DateOnly Due);

public sealed record Timeline(DateOnly Start, DateOnly End, [property: Length(0, 50)] IReadOnlyList<Milestone> Milestones);

public sealed record Budget([property: Range(0, 1_000_000_000_000)] decimal Amount, [property: StringLength(3, MinimumLength = 3)] string Currency, BudgetSource Source);

/// <param name="LeadOrganisationId">An organisation of the city (not checked here: organisations are their own area).</param>
/// <param name="OriginProposalIds">The co-design proposals the measure came from (traceability).</param>
public sealed record Measure(Guid Id, Guid ObjectiveId, [property: StringLength(RevisionRules.MaxTitle, MinimumLength = 1)] string Title, [property: StringLength(RevisionRules.MaxText)] string Description, Guid LeadOrganisationId,
    [property: Length(0, 50), UniqueItems] IReadOnlyList<Guid> PartnerOrganisationIds, [property: Length(0, 20), ItemLength(1, 100)] IReadOnlyList<string> TargetGroups, Timeline Timeline, Budget Budget, bool Pilot,
    [property: Length(0, 200), UniqueItems] IReadOnlyList<Guid> OriginProposalIds);

public sealed record Measurement([property: Range(-1_000_000_000_000, 1_000_000_000_000)] decimal Value, DateOnly Date);

/// <summary>An indicator sits on exactly one objective or one measure.</summary>
public sealed record Indicator(Guid Id, [property: StringLength(RevisionRules.MaxTitle, MinimumLength = 1)] string Name, IndicatorType Type, [property: StringLength(50, MinimumLength = 1)] string Unit, Measurement Baseline, Measurement Target,
    IndicatorFrequency Frequency, Guid? ObjectiveId = null, Guid? MeasureId = null);

public enum ChangeKind
{
    AddObjective, UpdateObjective, RemoveObjective,
    AddMeasure, UpdateMeasure, RemoveMeasure,
    AddIndicator, UpdateIndicator, RemoveIndicator,
    SetVision
}

/// <summary>
/// One change of a revision. Adds and updates carry the whole item (an add without an id gets one when proposed);
/// removes carry <paramref name="Id"/>; <see cref="ChangeKind.SetVision"/> carries <paramref name="Vision"/>.
/// </summary>
public sealed record StrategyChange(ChangeKind Kind, Guid? Id = null, StrategicObjective? Objective = null, Measure? Measure = null,
    Indicator? Indicator = null, [property: Text(1, RevisionRules.MaxText), Length(1, Languages.MaxVersions)] IReadOnlyList<LocalizedText>? Vision = null)
{
    /// <summary>The item the change is about (null for the vision); not part of the request (it would be ignored).</summary>
    [JsonIgnore]
    public Guid? TargetId => Objective?.Id ?? Measure?.Id ?? Indicator?.Id ?? Id;
}

/// <summary>The strategy as a document: the pure fold of its adopted revisions over the first draft.</summary>
public sealed record StrategyDocument(string Title, IReadOnlyList<LocalizedText> Vision, IReadOnlyList<StrategicObjective> Objectives,
    IReadOnlyList<Measure> Measures, IReadOnlyList<Indicator> Indicators)
{
    public static StrategyDocument Draft(string title, IReadOnlyList<LocalizedText> vision) => new(title, vision, [], [], []);

    public StrategyDocument Apply(IEnumerable<StrategyChange> changes) => changes.Aggregate(this, (document, change) => document.Apply(change));

    public StrategyDocument Apply(StrategyChange c) => c.Kind switch
    {
        ChangeKind.AddObjective => this with { Objectives = [.. Objectives, c.Objective!] },
        ChangeKind.UpdateObjective => this with { Objectives = Replace(Objectives, c.Objective!, o => o.Id) },
        ChangeKind.RemoveObjective => this with { Objectives = [.. Objectives.Where(o => o.Id != c.Id)] },
        ChangeKind.AddMeasure => this with { Measures = [.. Measures, c.Measure!] },
        ChangeKind.UpdateMeasure => this with { Measures = Replace(Measures, c.Measure!, m => m.Id) },
        ChangeKind.RemoveMeasure => this with { Measures = [.. Measures.Where(m => m.Id != c.Id)] },
        ChangeKind.AddIndicator => this with { Indicators = [.. Indicators, c.Indicator!] },
        ChangeKind.UpdateIndicator => this with { Indicators = Replace(Indicators, c.Indicator!, i => i.Id) },
        ChangeKind.RemoveIndicator => this with { Indicators = [.. Indicators.Where(i => i.Id != c.Id)] },
        ChangeKind.SetVision => this with { Vision = c.Vision! },
        _ => this
    };

    private static IReadOnlyList<T> Replace<T>(IReadOnlyList<T> items, T item, Func<T, Guid> id) =>
        [.. items.Select(existing => id(existing) == id(item) ? item : existing)];

    public bool HasObjective(Guid id) => Objectives.Any(o => o.Id == id);
    public bool HasMeasure(Guid id) => Measures.Any(m => m.Id == id);
    public bool HasIndicator(Guid id) => Indicators.Any(i => i.Id == id);
    public bool HasItem(Guid id) => HasObjective(id) || HasMeasure(id) || HasIndicator(id);
}
