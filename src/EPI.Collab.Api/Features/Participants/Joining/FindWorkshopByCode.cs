using EPI.Collab.Api.Features.ReferenceData;
using EPI.Collab.Api.Features.Workshops.ListingWorkshops;
using EPI.Collab.Api.Features.Workshops.Opening;
using EPI.Collab.Api.Infrastructure;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace EPI.Collab.Api.Features.Participants.Joining;

/// <summary>What a phone needs to show before joining, and where to join.</summary>
/// <param name="Admission">SEAT_CODES: the join needs a printed seat code; FACILITATOR_ADMITS: the phone waits to be admitted.</param>
public sealed record WorkshopToJoin(
    string CityId, Guid WorkshopId, string Title, IReadOnlyList<LocalizedText> FocusQuestion, IReadOnlyList<string> Languages,
    string JoinUrl, Workshops.AdmissionMode Admission);

public static class FindWorkshopByCodeEndpoint
{
    public static async Task<CityWorkshop?> LoadAsync(string code, IDocumentStore store, CancellationToken ct)
    {
        var normalized = JoinCodes.Normalize(code);
        if (!JoinCodes.IsWellFormed(normalized)) return null;
        await using var session = store.QuerySession();
        if (await session.LoadAsync<OpenJoinCode>(normalized, ct) is not { } open) return null;
        await using var citySession = store.QuerySession(open.CityId);
        return await citySession.LoadAsync<CityWorkshop>(open.WorkshopId, ct);
    }

    public static ProblemDetails Validate(CityWorkshop? workshop, string code) =>
        workshop is null
            ? Problems.NotFound($"No open workshop has the code '{code}'. Check the code on the screen; the workshop may have closed.")
                .WithCode("join-code-unknown")
            : WolverineContinue.NoProblems;

    /// <summary>Look up an open workshop by the join code shown in the room (no login).</summary>
    [WolverineGet("/api/join/{code}", OperationId = "FindWorkshopByCode"), AllowAnonymous, Tags("Joining")]
    [RateLimited(RateLimitKind.Joining)]
    public static WorkshopToJoin Get(string code, CityWorkshop workshop) => new(workshop.CityId, workshop.Id, workshop.Title,
        workshop.FocusQuestion, workshop.Languages, $"/api/cities/{workshop.CityId}/workshops/{workshop.Id}/participants", workshop.Admission);
}
