using EPI.Collab.Api.Infrastructure.Contract;
using System.ComponentModel.DataAnnotations;
using EPI.Collab.Api.Features.Cities.GettingProfiles;
using EPI.Collab.Api.Features.Cities;
using EPI.Collab.Api.Features.ReferenceData;
using EPI.Collab.Api.Infrastructure;
using EPI.Collab.Api.Infrastructure.Auth;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Marten;

namespace EPI.Collab.Api.Features.Strategies.Starting;

/// <param name="Vision">The long-term vision, in one or more of the accepted languages.</param>
public sealed record StartStrategy([property: StringLength(RevisionRules.MaxTitle, MinimumLength = 1)] string Title, [property: Text(1, RevisionRules.MaxText), Length(1, Languages.MaxVersions)] IReadOnlyList<LocalizedText> Vision)
{
    public static StartStrategy Example => new("Cluj-Napoca integration strategy 2021–2022",
        [new("en", "A city where newcomers find information, work and neighbours in their first year."),
         new("ro", "Un oraș în care nou-veniții găsesc informații, muncă și vecini în primul an.")]);

    public Validation Check() => new Validation()
        .RequireLength(Title, "title", 1, RevisionRules.MaxTitle)
        .RequireTexts(Vision, "vision");
}

public sealed record StrategyStarted(Guid StrategyId, int Version);

public static class StartStrategyEndpoint
{
    public static Task<CityProfile?> LoadAsync(string cityId, IQuerySession session, CancellationToken ct) =>
        session.LoadAsync<CityProfile>(CityStream.Id(cityId), ct);

    public static ProblemDetails Validate(StartStrategy command, CityProfile? city, string cityId) =>
        city is null ? CityProblems.NotFound(cityId)
        : command.Check().ToProblem();

    /// <summary>The decision: the strategy starts as revision 0 in DRAFT.</summary>
    public static StrategyDrafted Decide(StartStrategy command, string cityId, Actor actor, DateTimeOffset now) =>
        new(StrategyStream.Id(cityId), cityId, command.Title.Trim(), [.. command.Vision.Select(v => v.Trimmed())], actor.Id, actor.Role, now);

    /// <summary>Start the city's one strategy (a second start is a 409).</summary>
    [WolverinePost("/api/cities/{cityId}/strategy", OperationId = "StartStrategy")]
    [Authorize(Policy = Policies.CityCoordinator), Tags("Strategy")]
    public static (CreationResponse<StrategyStarted>, IStartStream) Post(StartStrategy command, string cityId, Actor actor,
        DateTimeOffset now)
    {
        var drafted = Decide(command, cityId, actor, now);
        return (new CreationResponse<StrategyStarted>($"/api/cities/{cityId}/strategy", new StrategyStarted(drafted.StrategyId, 1)),
            MartenOps.StartStream<Strategy>(drafted.StrategyId, drafted));
    }
}
