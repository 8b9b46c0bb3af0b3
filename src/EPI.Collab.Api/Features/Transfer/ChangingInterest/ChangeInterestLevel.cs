using EPI.Collab.Api.Infrastructure.Contract;
using System.ComponentModel.DataAnnotations;
using EPI.Collab.Api.Infrastructure;
using EPI.Collab.Api.Infrastructure.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Marten;

namespace EPI.Collab.Api.Features.Transfer.ChangingInterest;

/// <param name="Version">The follower city's version the editor saw (optimistic concurrency).</param>
/// <param name="Note">Why the interest changed (e.g. "council motion to replicate the review").</param>
public sealed record ChangeInterestLevel([property: ExpectedVersion] int Version, InterestLevel To, [property: StringLength(FollowerRules.MaxNoteLength, MinimumLength = 1)] string Note)
{
    public static ChangeInterestLevel Example => new(1, InterestLevel.Committed, "The council voted to run its own Intercultural Review.");

    public Validation Check() => new Validation()
        .Require(Enum.IsDefined(To), "to", "AWARE, INTERESTED, COMMITTED or REPLICATING.")
        .RequireLength(Note, "note", 1, FollowerRules.MaxNoteLength);
}

public static class ChangeInterestLevelEndpoint
{
    public static ProblemDetails Validate(ChangeInterestLevel command, FollowerCity? follower, Guid followerCityId) =>
        follower is null ? FollowerRules.NotFound(followerCityId)
        : command.Check() is { IsValid: false } invalid ? invalid.ToProblem()
        : Refusal(command, follower) ?? WolverineContinue.NoProblems;

    /// <summary>Interest moves one step forward or back; a jump or a stay is refused (422).</summary>
    public static ProblemDetails? Refusal(ChangeInterestLevel command, FollowerCity follower) =>
        FollowerRules.IsOneStep(follower.InterestLevel, command.To) ? null
        : Problems.RuleViolated($"Interest changes one step at a time: from {follower.InterestLevel} to a neighbouring level, not {command.To}.")
            .WithCode("interest-step");

    public static InterestLevelChanged Decide(ChangeInterestLevel command, FollowerCity follower, Actor actor, DateTimeOffset now) =>
        new(follower.Id, follower.CityId, follower.InterestLevel, command.To, command.Note.Trim(), actor.Id, actor.Role, now);

    /// <summary>Move a follower city's interest one step (coordinator).</summary>
    [WolverinePost("/api/cities/{cityId}/transfer/followers/{followerCityId}/interest", OperationId = "ChangeInterestLevel")]
    [Authorize(Policy = Policies.CityCoordinator), Tags("Transfer")]
    public static (UpdatedAggregate, Events) Post(ChangeInterestLevel command, [WriteAggregate("followerCityId")] FollowerCity follower,
        Actor actor, DateTimeOffset now) =>
        (new UpdatedAggregate(), [Decide(command, follower, actor, now)]);
}
