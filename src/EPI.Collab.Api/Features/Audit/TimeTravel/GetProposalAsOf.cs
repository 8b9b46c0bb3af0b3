using System.ComponentModel.DataAnnotations;
using EPI.Collab.Api.Features.PersonalData.BreakGlass;
using EPI.Collab.Api.Features.PersonalData;
using EPI.Collab.Api.Features.Proposals.GettingDetails;
using EPI.Collab.Api.Infrastructure.Auth;
using EPI.Collab.Api.Infrastructure;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace EPI.Collab.Api.Features.Audit.TimeTravel;

public static class GetProposalAsOfEndpoint
{
    public static Task<Instant> LoadAsync(Guid proposalId, DateTimeOffset? asOf, [Range(1, 1_000_000_000_000)] long? sequence, IQuerySession session, IDocumentStore store,
        CancellationToken ct) => Instant.ResolveAsync(store, session.TenantId, proposalId, asOf, sequence, ct);

    public static ProblemDetails Validate(Instant then, Guid proposalId) =>
        then.StreamVersion is null ? Instant.NotThen(proposalId) : WolverineContinue.NoProblems;

    /// <summary>A proposal (every text version, status, moderation) as it was at a past instant or sequence.</summary>
    [WolverineGet("/api/cities/{cityId}/audit/proposals/{proposalId}", OperationId = "GetAuditProposalAsOf")]
    [Authorize(Policy = Policies.CityReader), Tags("Audit")]
    [RequestHeader(AuditAccessGrant.Header, AuditAccessGrant.HeaderDoc, Format = "uuid")]
    public static async Task<AsOf<ProposalDetails>> Get(Guid proposalId, Instant then, IQuerySession session, RevealContext reveal,
        CancellationToken ct)
    {
        var proposal = (await StoredStates.AggregateAsync<ProposalDetails>(session, proposalId, then.StreamVersion!.Value, ct))!;
        return new(then.Sequence, proposal.Revealed(await reveal.ForAsync(proposal.WorkshopId, proposal.Texts, ct)));
    }
}
