using EPI.Collab.Api.Infrastructure.Contract;
using System.ComponentModel.DataAnnotations;
using EPI.Collab.Api.Features.PersonalData;
using EPI.Collab.Api.Features.Proposals;
using EPI.Collab.Api.Features.ReferenceData;
using EPI.Collab.Api.Features.Workshops;
using EPI.Collab.Api.Infrastructure;
using EPI.Collab.Api.Infrastructure.Auth;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Marten;

namespace EPI.Collab.Api.Features.Comments.Adding;

/// <param name="ProposalVersion">The proposal text version the comment was written on.</param>
/// <param name="ParentCommentId">For a reply: a comment on the same proposal.</param>
public sealed record AddComment(CommentKind Kind, [property: Text(1, Comment.MaxTextLength)] LocalizedText Text, [property: ExpectedVersion] int ProposalVersion, Guid? ParentCommentId = null)
{
    public static AddComment Example => new(CommentKind.Question, new("en", "Which employers have agreed so far?"), 1);

    public Validation Check() => new Validation()
        .Require(Enum.IsDefined(Kind), "kind", "One of QUESTION, SUPPORT, CONCERN, AMENDMENT, DISSENT.", "comment-kind-unknown");
}

/// <summary>What a new comment is about, loaded before the decision.</summary>
public sealed record CommentTarget(Workshop? Workshop, Proposal? Proposal, Comment? Parent);

public static class AddCommentEndpoint
{
    public static async Task<CommentTarget> LoadAsync(AddComment command, Guid workshopId, Guid proposalId, IQuerySession session,
        CancellationToken ct) =>
        new(await session.LoadAsync<Workshop>(workshopId, ct), await session.LoadAsync<Proposal>(proposalId, ct),
            command.ParentCommentId is { } parentId ? await session.LoadAsync<Comment>(parentId, ct) : null);

    public static ProblemDetails Validate(AddComment command, CommentTarget target, Guid workshopId, Guid proposalId)
    {
        if (command.Check() is { IsValid: false } invalid) return invalid.ToProblem();
        if (ProposalRules.ClosedToContributions(target.Workshop, workshopId) is { } closed) return closed;
        if (target.Proposal is not { } proposal || proposal.WorkshopId != workshopId) return ProposalRules.NotInWorkshop(proposalId);
        if (ProposalRules.NotOpen(proposal) is { } notOpen) return notOpen;
        if (command.ProposalVersion > proposal.CurrentVersion)
            return new Validation().Add("proposalVersion", $"The proposal has versions 1 to {proposal.CurrentVersion}.").ToProblem();
        if (command.ParentCommentId is not null && target.Parent?.ProposalId != proposalId)
            return Problems.RuleViolated("A reply must answer a comment on the same proposal.");
        return WolverineContinue.NoProblems;
    }

    public static CommentAdded Decide(AddComment command, Proposal proposal, Guid commentId, Actor actor, SubjectSeal seal, DateTimeOffset now) =>
        new(commentId, proposal.WorkshopId, proposal.Id, command.ProposalVersion, command.ParentCommentId, command.Kind,
            seal.Seal(command.Text.Trimmed()), actor.Id, actor.Role, now);

    /// <summary>Comment on a proposal, or reply to a comment, while the workshop is live (its participants and staff).</summary>
    [WolverinePost("/api/cities/{cityId}/workshops/{workshopId}/proposals/{proposalId}/comments", OperationId = "AddComment")]
    [Authorize(Policy = Policies.WorkshopContributor), Tags("Comments")]
    public static async Task<(CreationResponse<Guid>, IStartStream)> Post(AddComment command, CommentTarget target, string cityId,
        Actor actor, IDocumentSession session, KeyRing ring, DateTimeOffset now, CancellationToken ct)
    {
        var added = Decide(command, target.Proposal!, Guid.CreateVersion7(now), actor, await SubjectKeys.ForWritingAsync(session, ring, actor, now, ct),
            now);
        return (new CreationResponse<Guid>($"/api/cities/{cityId}/workshops/{added.WorkshopId}/proposals/{added.ProposalId}/comments", added.CommentId),
            MartenOps.StartStream<Comment>(added.CommentId, added));
    }
}
