using EPI.Collab.Api.Features.Cities;
using EPI.Collab.Api.Features.Cities.GettingProfiles;
using EPI.Collab.Api.Features.Decisions;
using EPI.Collab.Api.Features.Pilots.GettingDetails;
using EPI.Collab.Api.Features.Reviews.GettingDetails;
using EPI.Collab.Api.Features.Strategies;
using EPI.Collab.Api.Features.Strategies.GettingDetails;
using EPI.Collab.Api.Features.Voting;
using EPI.Collab.Api.Features.Voting.Counting;
using EPI.Collab.Api.Features.Voting.GettingResults;
using EPI.Collab.Api.Features.Workshops.ListingWorkshops;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace EPI.Collab.Api.Features.Public.GettingCityPage;

public static class GetPublicCityPageEndpoint
{
    public static Task<CityProfile?> LoadAsync(string cityId, IQuerySession session, CancellationToken ct) =>
        session.LoadAsync<CityProfile>(CityStream.Id(cityId), ct);

    public static ProblemDetails Validate(CityProfile? city, string cityId) =>
        city is null ? CityProblems.NotFound(cityId) : WolverineContinue.NoProblems;

    /// <summary>What the city has published, for residents without an account: review scores, adopted strategy, pilots, decisions and results.</summary>
    [WolverineGet("/api/public/cities/{cityId}", OperationId = "GetPublicCityPage"), AllowAnonymous, Tags("Public")]
    public static async Task<PublicCityPage> Get(string cityId, CityProfile city, IQuerySession session, DateTimeOffset now, CancellationToken ct)
    {
        var reviews = await session.Query<ReviewDetails>().ToListAsync(ct);
        var strategy = await session.LoadAsync<StrategyDetails>(StrategyStream.Id(cityId), ct);
        var pilots = await session.Query<PilotDetails>().ToListAsync(ct);
        var decisions = new Dictionary<Guid, PublicDecision>();
        foreach (var id in PublicCityPage.NamedDecisions(reviews, strategy))
            if (await session.LoadAsync<DecisionRecord>(id, ct) is { } d) decisions[id] = await Published(d, session, ct);
        return PublicCityPage.Build(cityId, reviews, strategy, pilots, decisions.GetValueOrDefault, DateOnly.FromDateTime(now.UtcDateTime));
    }

    private static async Task<PublicDecision> Published(DecisionRecord d, IQuerySession session, CancellationToken ct)
    {
        var workshop = await session.LoadAsync<CityWorkshop>(d.WorkshopId, ct);
        var rounds = new List<RoundResults>();
        foreach (var roundId in d.RoundIds)
            if (await session.LoadAsync<VotingRound>(roundId, ct) is { Status: RoundStatus.Closed } round)
                rounds.Add(await GetRoundResultsEndpoint.CountAsync(session, round, ct));
        return new PublicDecision(d.Id, d.WorkshopId, workshop?.Title, d.RuleApplied, d.Rationale, d.Dissent, d.Adopted, d.DecidedAt, rounds);
    }
}
