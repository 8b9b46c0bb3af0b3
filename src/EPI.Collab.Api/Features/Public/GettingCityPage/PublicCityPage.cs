using EPI.Collab.Api.Features.Decisions;
using EPI.Collab.Api.Features.Pilots.GettingDashboard;
using EPI.Collab.Api.Features.Pilots.GettingDetails;
using EPI.Collab.Api.Features.ReferenceData;
using EPI.Collab.Api.Features.Reviews;
using EPI.Collab.Api.Features.Reviews.GettingDetails;
using EPI.Collab.Api.Features.Strategies;
using EPI.Collab.Api.Features.Strategies.GettingDetails;
using EPI.Collab.Api.Features.Voting.Counting;

namespace EPI.Collab.Api.Features.Public.GettingCityPage;

/// <summary>A published review: its area scores and the areas the city prioritised, with the decision behind each.</summary>
public sealed record PublicReview(string Methodology, string IndexVersion, DateTimeOffset? PublishedAt, IReadOnlyList<AreaScore> AreaScores,
    IReadOnlyList<PrioritisedArea> PrioritisedAreas);

/// <summary>An adopted revision as residents read it: why, on which decision, when; not who proposed it.</summary>
public sealed record PublicRevision(int RevisionNo, RevisionReason Reason, string Summary, Guid? DecisionId, DateTimeOffset? AdoptedAt);

public sealed record PublicStrategy(StrategyStatus Status, Adoption? Adoption, int RevisionNo, StrategyDocument Document, IReadOnlyList<PublicRevision> Revisions);

/// <param name="WorkshopTitle">The round table the decision was taken in.</param>
/// <param name="Rounds">The closed rounds the decision rests on, counted; stakeholder groups under five ballots are folded or suppressed.</param>
public sealed record PublicDecision(Guid DecisionId, Guid WorkshopId, string? WorkshopTitle, string RuleApplied, LocalizedText Rationale,
    IReadOnlyList<LocalizedText> Dissent, IReadOnlyList<AdoptedProposal> Adopted, DateTimeOffset DecidedAt, IReadOnlyList<RoundResults> Rounds);

/// <summary>
/// What a city has published, for residents without an account: the review once PUBLISHED, the strategy from ADOPTED_PILOT on, its
/// pilots against their targets, and the decisions behind both with their rationale and round results. No names, no texts of
/// participants (proposals appear by id and pinned version only), no staff ids.
/// </summary>
public sealed record PublicCityPage(string CityId, PublicReview? Review, PublicStrategy? Strategy, CityDashboard? Pilots,
    IReadOnlyList<PublicDecision> Decisions)
{
    /// <summary>Pure: keeps only what is published, and the decisions that published material names.</summary>
    public static PublicCityPage Build(string cityId, IReadOnlyList<ReviewDetails> reviews, StrategyDetails? strategy, IReadOnlyList<PilotDetails> pilots,
        Func<Guid, PublicDecision?> decision, DateOnly today)
    {
        var review = reviews.Where(r => r.Status == ReviewStatus.Published).OrderByDescending(r => r.PublishedAt).FirstOrDefault();
        var published = strategy is not null && Strategies.Strategy.IsPublished(strategy.Status) ? strategy : null;
        var revisions = published?.Adopted.Select(r => new PublicRevision(r.RevisionNo!.Value, r.Reason, r.Summary, r.DecisionId, r.AdoptedAt)).ToList() ?? [];
        var decisionIds = (review?.PrioritisedAreas.Select(p => (Guid?)p.DecisionId) ?? []).Concat(revisions.Select(r => r.DecisionId))
            .OfType<Guid>().Distinct();
        return new PublicCityPage(cityId,
            review is null ? null : new PublicReview(review.Methodology, review.IndexVersion, review.PublishedAt, review.AreaScores, review.PrioritisedAreas),
            published is null ? null : new PublicStrategy(published.Status, published.Adoption, published.RevisionNo, published.Document, revisions),
            published is null ? null : CityDashboard.Build(published, [.. pilots.OrderBy(p => p.Id)], today),
            [.. decisionIds.Select(decision).OfType<PublicDecision>().OrderBy(d => d.DecidedAt)]);
    }

    /// <summary>The decision ids published material names (to load before <see cref="Build"/>).</summary>
    public static IReadOnlyList<Guid> NamedDecisions(IReadOnlyList<ReviewDetails> reviews, StrategyDetails? strategy) =>
        [.. reviews.Where(r => r.Status == ReviewStatus.Published).SelectMany(r => r.PrioritisedAreas.Select(p => p.DecisionId))
            .Concat(strategy is not null && Strategies.Strategy.IsPublished(strategy.Status) ? strategy.Adopted.Select(r => r.DecisionId).OfType<Guid>() : [])
            .Distinct()];
}
