using EPI.Collab.Api.Features.Cities;
using EPI.Collab.Api.Features.ReferenceData;
using EPI.Collab.Api.Infrastructure;

namespace EPI.Collab.Api.Features.Reviews;

/// <summary>The review moves forward one step at a time; scores, comparisons and actions are fixed once validated.</summary>
public enum ReviewStatus { Draft, DataCollection, Analysis, Validated, Published }

/// <summary>The sample a city's score is set against: all index cities, or a band by population or foreign-born share.</summary>
public enum ComparisonGroup { All, PopBand, ForeignBornBand }

public enum ActionStatus { Ongoing, Ended, Planned }

public enum TargetGroup { TcnNewcomers, Refugees, Students, Women, Children, HostSociety, Staff, Other }

/// <param name="Min">Lower bound of the band (inhabitants, or foreign-born share in %); none for <see cref="ComparisonGroup.All"/>.</param>
/// <param name="SampleVersion">The index sample as a versioned dataset, e.g. "ICC 2021 (151 cities)".</param>
/// <param name="Rank">The place within the sample where the source states one: context, not a league table.</param>
public sealed record Comparison(
    ComparisonGroup Group, decimal? Min, decimal? Max, int SampleSize, string SampleVersion, int? Rank, decimal SampleMean);

/// <summary>A multi-criteria evaluation of an existing action, each criterion 1–5 (an EPI scale, not an ICC one).</summary>
/// <param name="Interculturality">Does it foster interaction, not only provision?</param>
public sealed record ActionEvaluation(int Relevance, int Effectiveness, int Sustainability, int Interculturality, string? GapNotes)
{
    public decimal Mean => (Relevance + Effectiveness + Sustainability + Interculturality) / 4m;
}

/// <summary>The city started its Intercultural Review (one per city: the stream id derives from the city id).</summary>
public sealed record ReviewStarted(
    Guid ReviewId, string CityId, string Methodology, string IndexVersion, DateOnly? PeriodFrom, DateOnly? PeriodTo,
    Guid By, string ByRole, DateTimeOffset At) : ICityEvent;

/// <summary>The review moved one step forward in its lifecycle.</summary>
public sealed record ReviewAdvanced(Guid ReviewId, string CityId, ReviewStatus Status, Guid By, string ByRole, DateTimeOffset At) : ICityEvent;

/// <summary>A score 0–100 for one ICC area, with its narrative and recommendations; a later one for the same area replaces it.</summary>
public sealed record AreaScoreRecorded(
    Guid ReviewId, string CityId, string PolicyAreaCode, int Score, IReadOnlyList<LocalizedText> Narrative,
    IReadOnlyList<LocalizedText> Recommendations, Guid By, string ByRole, DateTimeOffset At) : ICityEvent;

/// <summary>How the city's aggregate score compares with a sample; a later one for the same group and band replaces it.</summary>
public sealed record ComparisonRecorded(Guid ReviewId, string CityId, Comparison Comparison, Guid By, string ByRole, DateTimeOffset At)
    : ICityEvent;

/// <summary>An action the city already runs (or ran, or plans) was mapped to ICC areas.</summary>
public sealed record ExistingActionMapped(
    Guid ReviewId, string CityId, Guid ActionId, IReadOnlyList<LocalizedText> Title, IReadOnlyList<string> PolicyAreaCodes,
    Guid OwnerOrganisationId, int StartYear, int? EndYear, ActionStatus Status, IReadOnlyList<TargetGroup> TargetGroups,
    decimal? AnnualBudget, int? Reach, Guid By, string ByRole, DateTimeOffset At) : ICityEvent;

/// <summary>A mapped action was evaluated; a later evaluation replaces the earlier one.</summary>
public sealed record ExistingActionEvaluated(
    Guid ReviewId, string CityId, Guid ActionId, ActionEvaluation Evaluation, Guid By, string ByRole, DateTimeOffset At) : ICityEvent;

/// <summary>An area was chosen as a priority by a recorded decision: the link from the review to co-design.</summary>
public sealed record PriorityAreaSelected(
    Guid ReviewId, string CityId, string PolicyAreaCode, LocalizedText Rationale, Guid DecisionId, Guid By, string ByRole,
    DateTimeOffset At) : ICityEvent;

/// <summary>Write model of a review stream: what decisions read. Marten sets <see cref="Version"/>.</summary>
public sealed record Review(
    Guid Id, string CityId, ReviewStatus Status, IReadOnlyList<Guid> ActionIds, IReadOnlyList<string> PrioritisedAreaCodes, int Version = 0)
{
    public static Review Create(ReviewStarted e) => new(e.ReviewId, e.CityId, ReviewStatus.Draft, [], []);

    public Review Apply(ReviewAdvanced e) => this with { Status = e.Status };
    public Review Apply(ExistingActionMapped e) => this with { ActionIds = [.. ActionIds, e.ActionId] };
    public Review Apply(PriorityAreaSelected e) => this with { PrioritisedAreaCodes = [.. PrioritisedAreaCodes, e.PolicyAreaCode] };

    // Decisions read nothing from these, but Marten sets Version only from events the aggregate applies:
    // without them the version a command returns would lag behind the stream.
    public Review Apply(AreaScoreRecorded e) => this;
    public Review Apply(ComparisonRecorded e) => this;
    public Review Apply(ExistingActionEvaluated e) => this;

    /// <summary>Scores, comparisons and the mapping of actions change only before validation.</summary>
    public bool IsEditable => Status < ReviewStatus.Validated;
}

public static class ReviewStream
{
    private static readonly Guid Namespace = new("c1f0a6e2-8d3b-4f27-a6a4-2b7e9d0f5c31");

    /// <summary>One review per city: its stream id derives from the city id, so a second start collides (409).</summary>
    public static Guid Id(string cityId) => DeterministicGuid.Create(Namespace, cityId);
}
