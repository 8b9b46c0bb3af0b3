using EPI.Collab.Api.Features.ReferenceData;
using Marten.Events.Aggregation;

namespace EPI.Collab.Api.Features.Reviews.GettingDetails;

public sealed record AreaScore(
    string PolicyAreaCode, int Score, IReadOnlyList<LocalizedText> Narrative, IReadOnlyList<LocalizedText> Recommendations,
    DateTimeOffset RecordedAt);

/// <param name="Evaluation">Null until the action is evaluated.</param>
public sealed record MappedAction(
    Guid ActionId, IReadOnlyList<LocalizedText> Title, IReadOnlyList<string> PolicyAreaCodes, Guid OwnerOrganisationId, int StartYear,
    int? EndYear, ActionStatus Status, IReadOnlyList<TargetGroup> TargetGroups, decimal? AnnualBudget, int? Reach,
    ActionEvaluation? Evaluation, DateTimeOffset? EvaluatedAt);

/// <param name="DecisionId">The recorded decision that chose the area (<c>GET …/workshops/{workshopId}/decisions/{decisionId}</c>).</param>
public sealed record PrioritisedArea(string PolicyAreaCode, LocalizedText Rationale, Guid DecisionId, DateTimeOffset SelectedAt);

/// <summary>The city's Intercultural Review as it is read. <see cref="Version"/> is the stream version commands send back.</summary>
public sealed record ReviewDetails(
    Guid Id, string CityId, string Methodology, string IndexVersion, DateOnly? PeriodFrom, DateOnly? PeriodTo, ReviewStatus Status,
    IReadOnlyList<AreaScore> AreaScores, IReadOnlyList<Comparison> Comparisons, IReadOnlyList<MappedAction> Actions,
    IReadOnlyList<PrioritisedArea> PrioritisedAreas, DateTimeOffset StartedAt, DateTimeOffset? PublishedAt, int Version = 0);

public sealed partial class ReviewDetailsProjection : SingleStreamProjection<ReviewDetails, Guid>
{
    public static ReviewDetails Create(ReviewStarted e) =>
        new(e.ReviewId, e.CityId, e.Methodology, e.IndexVersion, e.PeriodFrom, e.PeriodTo, ReviewStatus.Draft, [], [], [], [], e.At, null);

    public static ReviewDetails Apply(ReviewAdvanced e, ReviewDetails r) =>
        r with { Status = e.Status, PublishedAt = e.Status == ReviewStatus.Published ? e.At : r.PublishedAt };

    public static ReviewDetails Apply(AreaScoreRecorded e, ReviewDetails r) => r with
    {
        AreaScores = [.. r.AreaScores.Where(s => s.PolicyAreaCode != e.PolicyAreaCode),
            new AreaScore(e.PolicyAreaCode, e.Score, e.Narrative, e.Recommendations, e.At)]
    };

    public static ReviewDetails Apply(ComparisonRecorded e, ReviewDetails r) => r with
    {
        Comparisons = [.. r.Comparisons.Where(c => (c.Group, c.Min, c.Max) != (e.Comparison.Group, e.Comparison.Min, e.Comparison.Max)),
            e.Comparison]
    };

    public static ReviewDetails Apply(ExistingActionMapped e, ReviewDetails r) => r with
    {
        Actions = [.. r.Actions, new MappedAction(e.ActionId, e.Title, e.PolicyAreaCodes, e.OwnerOrganisationId, e.StartYear, e.EndYear,
            e.Status, e.TargetGroups, e.AnnualBudget, e.Reach, null, null)]
    };

    public static ReviewDetails Apply(ExistingActionEvaluated e, ReviewDetails r) => r with
    {
        Actions = r.Actions.Select(a => a.ActionId == e.ActionId ? a with { Evaluation = e.Evaluation, EvaluatedAt = e.At } : a).ToList()
    };

    public static ReviewDetails Apply(PriorityAreaSelected e, ReviewDetails r) =>
        r with { PrioritisedAreas = [.. r.PrioritisedAreas, new PrioritisedArea(e.PolicyAreaCode, e.Rationale, e.DecisionId, e.At)] };
}
