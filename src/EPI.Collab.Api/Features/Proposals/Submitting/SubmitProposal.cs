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

namespace EPI.Collab.Api.Features.Proposals.Submitting;

/// <param name="Text">The idea, in one of the accepted languages; this original stays in the history.</param>
/// <param name="PolicyAreaCodes">Optional ICC policy area codes (see <c>GET /api/policy-areas</c>).</param>
public sealed record SubmitProposal([property: Text(1, Proposal.MaxTextLength)] LocalizedText Text, [property: Length(0, PolicyAreas.MaxCodes), UniqueItems, ItemLength(1, PolicyAreas.MaxCodeLength)] IReadOnlyList<string>? PolicyAreaCodes = null)
{
    public static SubmitProposal Example => new(new("en", "Mentoring pairs with local employers"), ["BUS", "WELC"]);

    public Validation Check()
    {
        var v = new Validation();
        foreach (var (code, i) in (PolicyAreaCodes ?? []).Select((c, i) => (c, i)))
            v.Require(code is not null && PolicyAreas.Exists(code), $"policyAreaCodes[{i}]", "Unknown policy area code.", "policy-area-unknown");
        return v;
    }
}

public static class SubmitProposalEndpoint
{
    public static ProblemDetails Validate(SubmitProposal command, [Entity("workshopId", Required = false)] Workshop? workshop, Guid workshopId) =>
        command.Check() is { IsValid: false } invalid ? invalid.ToProblem()
        : ProposalRules.ClosedToContributions(workshop, workshopId) ?? WolverineContinue.NoProblems;

    /// <summary>The decision: a proposal starts its own stream at text version 1.</summary>
    public static ProposalSubmitted Decide(SubmitProposal command, Guid workshopId, Guid proposalId, Actor actor, SubjectSeal seal,
        DateTimeOffset now) =>
        new(proposalId, workshopId, seal.Seal(command.Text.Trimmed()), (command.PolicyAreaCodes ?? []).Distinct().ToList(), actor.Id, actor.Role,
            now);

    /// <summary>Submit a proposal to a live workshop (its participants and staff).</summary>
    [WolverinePost("/api/cities/{cityId}/workshops/{workshopId}/proposals", OperationId = "SubmitProposal")]
    [Authorize(Policy = Policies.WorkshopContributor), Tags("Proposals")]
    public static async Task<(CreationResponse<Guid>, IStartStream)> Post(SubmitProposal command, string cityId, Guid workshopId,
        Actor actor, IDocumentSession session, KeyRing ring, DateTimeOffset now, CancellationToken ct)
    {
        var submitted = Decide(command, workshopId, Guid.CreateVersion7(now), actor, await SubjectKeys.ForWritingAsync(session, ring, actor, now, ct),
            now);
        return (new CreationResponse<Guid>($"/api/cities/{cityId}/workshops/{workshopId}/proposals/{submitted.ProposalId}", submitted.ProposalId),
            MartenOps.StartStream<Proposal>(submitted.ProposalId, submitted));
    }
}
