using EPI.Collab.Api.Infrastructure.Contract;
using System.ComponentModel.DataAnnotations;
using EPI.Collab.Api.Features.PersonalData;
using EPI.Collab.Api.Features.ReferenceData;
using EPI.Collab.Api.Features.Workshops;
using EPI.Collab.Api.Infrastructure;
using EPI.Collab.Api.Infrastructure.Auth;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Persistence;
using Wolverine.Marten;

namespace EPI.Collab.Api.Features.Proposals.Amending;

/// <param name="Version">The proposal's stream version the author saw (optimistic concurrency).</param>
/// <param name="Text">The new text; it may be in another language than the earlier versions.</param>
public sealed record AmendProposal([property: ExpectedVersion] int Version, [property: Text(1, Proposal.MaxTextLength)] LocalizedText Text)
{
    public static AmendProposal Example => new(1, new("en", "Mentoring pairs with local employers, with a first paid trial week"));
}

public static class AmendProposalEndpoint
{
    public static ProblemDetails Validate(AmendProposal command, Proposal? proposal, [Entity("workshopId", Required = false)] Workshop? workshop, Guid workshopId, Guid proposalId,
        Actor actor) =>
        ProposalRules.NotChangeableBy(actor, proposal, workshop, workshopId, proposalId) ?? WolverineContinue.NoProblems;

    /// <summary>The decision: the next text version; the earlier ones stay in the stream.</summary>
    public static ProposalAmended Decide(Proposal proposal, LocalizedText text, Actor actor, SubjectSeal seal, DateTimeOffset now) =>
        new(proposal.Id, proposal.WorkshopId, proposal.CurrentVersion + 1, seal.Seal(text.Trimmed()), actor.Id, actor.Role, now);

    /// <summary>Write a new version of your own proposal while the workshop is live.</summary>
    [WolverinePost("/api/cities/{cityId}/workshops/{workshopId}/proposals/{proposalId}/amend", OperationId = "AmendProposal")]
    [Authorize(Policy = Policies.WorkshopContributor), Tags("Proposals")]
    public static async Task<(UpdatedAggregate, Events)> Post(AmendProposal command, [WriteAggregate] Proposal proposal, Actor actor,
        IDocumentSession session, KeyRing ring, DateTimeOffset now, CancellationToken ct)
    {
        return (new UpdatedAggregate(), [Decide(proposal, command.Text, actor, await SubjectKeys.ForWritingAsync(session, ring, actor, now, ct), now)]);
    }
}
