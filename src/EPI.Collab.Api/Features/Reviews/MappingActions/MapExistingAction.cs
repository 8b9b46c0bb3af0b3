using EPI.Collab.Api.Infrastructure.Contract;
using System.ComponentModel.DataAnnotations;
using EPI.Collab.Api.Features.Organisations;
using EPI.Collab.Api.Features.ReferenceData;
using EPI.Collab.Api.Infrastructure;
using EPI.Collab.Api.Infrastructure.Auth;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Persistence;
using Wolverine.Marten;

namespace EPI.Collab.Api.Features.Reviews.MappingActions;

/// <param name="OwnerOrganisationId">An organisation registered in this city.</param>
/// <param name="AnnualBudget">In euro per year, where known.</param>
/// <param name="Reach">Participants per year, where known.</param>
public sealed record MapExistingAction(
    [property: ExpectedVersion] int Version, [property: Text(1, ReviewRules.MaxTextLength), Length(1, Languages.MaxVersions)] IReadOnlyList<LocalizedText> Title, [property: Length(1, PolicyAreas.MaxCodes), UniqueItems, ItemLength(1, PolicyAreas.MaxCodeLength)] IReadOnlyList<string> PolicyAreaCodes, Guid OwnerOrganisationId, [property: Range(1950, 2100)] int StartYear,
    [property: Range(1950, 2100)] int? EndYear, ActionStatus Status, [property: Length(0, 20), UniqueItems] IReadOnlyList<TargetGroup> TargetGroups, [property: Range(0, 1_000_000_000_000)] decimal? AnnualBudget = null, [property: Range(0, 100_000_000)] int? Reach = null)
{
    public static MapExistingAction Example => new(4, [new("en", "Welcome to Lublin inquiry desk"), new("pl", "Punkt informacyjny Witaj w Lublinie")],
        ["WELC", "PUBSERV"], new Guid("0196f3a0-7c1e-7a52-9c3b-5d1e2f3a4b60"), 2009, null, ActionStatus.Ongoing,
        [TargetGroup.TcnNewcomers, TargetGroup.Students], 40_000, 1200);

    public Validation Check()
    {
        var v = new Validation()
            .RequireTexts(Title, "title", 1)
            .Require(PolicyAreaCodes is { Count: > 0 }, "policyAreaCodes", "At least one ICC area.")
            .Require(StartYear is >= 1950 and <= 2100, "startYear", "Between 1950 and 2100.")
            .Require(EndYear is null || (EndYear >= StartYear && EndYear <= 2100), "endYear", "Not before startYear.")
            .Require(Enum.IsDefined(Status), "status", "Unknown status.")
            .Require(Status != ActionStatus.Ended || EndYear is not null, "endYear", "An ended action has an end year.")
            .Require((TargetGroups ?? []).All(Enum.IsDefined), "targetGroups", "Unknown target group.")
            .Require(AnnualBudget is null or >= 0, "annualBudget", "Not negative.")
            .Require(Reach is null or >= 0, "reach", "Not negative.");
        foreach (var (code, i) in (PolicyAreaCodes ?? []).Select((c, i) => (c, i))) v.RequireAreaCode(code, $"policyAreaCodes[{i}]");
        return v;
    }
}

/// <param name="Version">The review's version after mapping, for the next command.</param>
public sealed record ExistingActionMappedResponse(Guid ReviewId, Guid ActionId, int Version);

public static class MapExistingActionEndpoint
{
    /// <summary>The owner is loaded through the city's session: an organisation of another city is not found.</summary>
    public static ProblemDetails Validate(MapExistingAction command, Review? review,
        [Entity(nameof(MapExistingAction.OwnerOrganisationId), Required = false)] Organisation? owner, Guid reviewId) =>
        ReviewRules.ValidateEdit(review, reviewId,
            command.Check().Require(owner is not null, "ownerOrganisationId", "No organisation with this id in this city."));

    public static ExistingActionMapped Decide(MapExistingAction c, Review review, Guid actionId, Actor actor, DateTimeOffset now) =>
        new(review.Id, review.CityId, actionId, c.Title.Select(t => t.Trimmed()).ToList(), c.PolicyAreaCodes.Distinct().ToList(),
            c.OwnerOrganisationId, c.StartYear, c.EndYear, c.Status, (c.TargetGroups ?? []).Distinct().ToList(), c.AnnualBudget, c.Reach,
            actor.Id, actor.Role, now);

    /// <summary>Map an existing action of the city to ICC areas (staff, before validation).</summary>
    [WolverinePost("/api/cities/{cityId}/reviews/{reviewId}/actions", OperationId = "MapExistingAction")]
    [Authorize(Policy = Policies.CityCoordinator), Tags("Intercultural Review")]
    public static (ExistingActionMappedResponse, Events) Post(MapExistingAction command, [WriteAggregate] Review review,
        Actor actor, DateTimeOffset now)
    {
        var mapped = Decide(command, review, Guid.CreateVersion7(now), actor, now);
        return (new ExistingActionMappedResponse(review.Id, mapped.ActionId, review.Version + 1), [mapped]);
    }
}
