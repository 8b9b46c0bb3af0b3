using EPI.Collab.Api.Features.Workshops;
using EPI.Collab.Api.Features.PersonalData.BreakGlass;
using EPI.Collab.Api.Features.PersonalData;
using EPI.Collab.Api.Infrastructure.Auth;
using EPI.Collab.Api.Infrastructure;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Persistence;

namespace EPI.Collab.Api.Features.Live;

public static class GetWorkshopBoardEndpoint
{
    public static ProblemDetails Validate(WorkshopBoard? board, Guid workshopId) =>
        board is null ? Problems.NotFound($"There is no workshop {workshopId} in this city (or it was scheduled a moment ago).")
            : WolverineContinue.NoProblems;

    /// <summary>The live board of a workshop, with the feed position it includes.</summary>
    [WolverineGet("/api/cities/{cityId}/workshops/{workshopId}/board", OperationId = "GetWorkshopBoard")]
    [Authorize(Policy = Policies.WorkshopMember), Tags("Live")]
    [RequestHeader(AuditAccessGrant.Header, AuditAccessGrant.HeaderDoc, Format = "uuid")]
    public static async Task<WorkshopBoard> Get(Guid workshopId, [Entity("workshopId", Required = false)] WorkshopBoard board, RevealContext reveal, CancellationToken ct) =>
        board.Revealed(await reveal.ForAsync(workshopId, board.SealedTexts(), ct));
}
