using EPI.Collab.Api.Infrastructure.Contract;
using System.ComponentModel.DataAnnotations;
using EPI.Collab.Api.Infrastructure;
using EPI.Collab.Api.Infrastructure.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Marten;

namespace EPI.Collab.Api.Features.Comments.Hiding;

/// <param name="Reason">Required: participants see it in place of the text.</param>
public sealed record HideComment([property: ExpectedVersion] int Version, [property: StringLength(Comment.MaxReasonLength, MinimumLength = 1)] string Reason)
{
    public static HideComment Example => new(1, "Offensive language");

    public Validation Check() => new Validation().RequireLength(Reason, "reason", 1, Comment.MaxReasonLength);
}

public static class HideCommentEndpoint
{
    public static ProblemDetails Validate(HideComment command, Comment? comment, Guid workshopId, Guid commentId) =>
        command.Check() is { IsValid: false } invalid ? invalid.ToProblem()
        : comment is null || comment.WorkshopId != workshopId ? Problems.NotFound($"This workshop has no comment {commentId}.")
        : comment.Hidden ? Problems.RuleViolated("The comment is already hidden.")
        : WolverineContinue.NoProblems;

    public static CommentHidden Decide(Comment comment, string reason, Actor actor, DateTimeOffset now) =>
        new(comment.Id, comment.WorkshopId, comment.ProposalId, reason.Trim(), actor.Id, actor.Role, now);

    /// <summary>Moderation (staff): participants no longer see the comment's text, staff still do; nothing is deleted.</summary>
    [WolverinePost("/api/cities/{cityId}/workshops/{workshopId}/comments/{commentId}/hide", OperationId = "HideComment")]
    [Authorize(Policy = Policies.CityStaff), Tags("Comments")]
    public static (UpdatedAggregate, Events) Post(HideComment command, [WriteAggregate] Comment comment, Actor actor,
        DateTimeOffset now) =>
        (new UpdatedAggregate(), [Decide(comment, command.Reason, actor, now)]);
}
