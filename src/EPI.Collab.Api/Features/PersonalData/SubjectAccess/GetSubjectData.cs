using EPI.Collab.Api.Infrastructure.Auth;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace EPI.Collab.Api.Features.PersonalData.SubjectAccess;

public static class GetSubjectDataEndpoint
{
    /// <summary>Subject access (Art. 15): everything the city holds about one participant or staff member, texts revealed (coordinator).</summary>
    [WolverineGet("/api/cities/{cityId}/subjects/{subjectId}/data", OperationId = "GetSubjectData")]
    [Authorize(Policy = Policies.CityCoordinator), Tags("Personal data")]
    public static Task<SubjectData> Get(Guid subjectId, IQuerySession session, RevealContext reveal, DateTimeOffset now,
        CancellationToken ct) => SubjectData.LoadAsync(session, reveal, subjectId, now, ct);
}
