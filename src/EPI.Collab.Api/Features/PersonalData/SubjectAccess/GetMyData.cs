using System.Security.Claims;
using EPI.Collab.Api.Infrastructure;
using EPI.Collab.Api.Infrastructure.Auth;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace EPI.Collab.Api.Features.PersonalData.SubjectAccess;

public static class GetMyDataEndpoint
{
    public static ProblemDetails Validate(ClaimsPrincipal user, string cityId, Guid workshopId) =>
        WorkshopAccess.IsParticipantOf(user, cityId, workshopId) ? WolverineContinue.NoProblems
            : Problems.Forbidden("Only a participant reads their own data here; staff use /api/cities/{cityId}/subjects/{subjectId}/data.");

    /// <summary>A participant's own data (Art. 15), from their phone: what they gave, wrote and, while rounds are open, voted.</summary>
    [WolverineGet("/api/cities/{cityId}/workshops/{workshopId}/participants/me/data", OperationId = "GetMyData")]
    [Authorize(Policy = Policies.WorkshopMember), Tags("Personal data")]
    public static Task<SubjectData> Get(Actor actor, IQuerySession session, RevealContext reveal, DateTimeOffset now,
        CancellationToken ct) => SubjectData.LoadAsync(session, reveal, actor.Id, now, ct);
}
