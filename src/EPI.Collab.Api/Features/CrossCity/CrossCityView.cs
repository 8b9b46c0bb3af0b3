using EPI.Collab.Api.Features.Pilots.GettingDashboard;
using EPI.Collab.Api.Features.Pilots.GettingDetails;
using EPI.Collab.Api.Features.ReferenceData;
using EPI.Collab.Api.Features.Reviews;
using EPI.Collab.Api.Features.Reviews.GettingDetails;
using EPI.Collab.Api.Features.Strategies;
using EPI.Collab.Api.Features.Strategies.GettingDetails;

namespace EPI.Collab.Api.Features.CrossCity;

/// <summary>One city's published score in one area; <paramref name="PublishedAt"/> dates the review it comes from.</summary>
public sealed record CityScore(string CityId, int Score, DateTimeOffset? PublishedAt);

/// <summary>An ICC area with the cities' scores side by side, in city id order (never by score).</summary>
public sealed record AreaScores(string PolicyAreaCode, IReadOnlyList<CityScore> Cities);

/// <summary>A published strategy (ADOPTED_PILOT or later) and the progress of its pilots and indicators.</summary>
public sealed record CityStrategyProgress(string CityId, StrategyStatus Status, Adoption? Adoption, int RevisionNo,
    IReadOnlyList<PilotProgress> Pilots, IReadOnlyList<IndicatorProgress> Indicators);

/// <summary>Published material of every city, ordered by policy area and city: a learning baseline, not a ranking.</summary>
public sealed record CrossCityView(IReadOnlyList<AreaScores> Areas, IReadOnlyList<CityStrategyProgress> Strategies, string Note)
{
    public const string LearningBaseline =
        "ICC scores are a learning baseline for each city, not a ranking: read them area by area, never as a league table.";

    /// <summary>Pure: keeps only published material and orders it by the ICC area list, then by city id.</summary>
    public static CrossCityView Build(IEnumerable<ReviewDetails> reviews, IEnumerable<StrategyDetails> strategies,
        IEnumerable<PilotDetails> pilots, DateOnly today)
    {
        var published = reviews.Where(r => r.Status == ReviewStatus.Published).ToList();
        var areas = PolicyAreas.All.Select(a => new AreaScores(a.Code,
                [.. published.SelectMany(r => r.AreaScores.Where(s => s.PolicyAreaCode == a.Code)
                        .Select(s => new CityScore(r.CityId, s.Score, r.PublishedAt)))
                    .OrderBy(s => s.CityId, StringComparer.Ordinal)]))
            .Where(a => a.Cities.Count > 0).ToList();
        var pilotsByCity = pilots.ToLookup(p => p.CityId);
        var progress = strategies.Where(s => Strategy.IsPublished(s.Status)).OrderBy(s => s.CityId, StringComparer.Ordinal)
            .Select(s =>
            {
                var dashboard = CityDashboard.Build(s, [.. pilotsByCity[s.CityId].OrderBy(p => p.Id)], today);
                return new CityStrategyProgress(s.CityId, s.Status, s.Adoption, s.RevisionNo, dashboard.Pilots,
                    [.. dashboard.Objectives.SelectMany(o => o.Indicators).DistinctBy(i => i.IndicatorId)]);
            }).ToList();
        return new CrossCityView(areas, progress, LearningBaseline);
    }
}
