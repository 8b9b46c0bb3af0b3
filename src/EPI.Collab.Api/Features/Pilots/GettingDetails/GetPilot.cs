using EPI.Collab.Api.Infrastructure.Auth;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Persistence;

namespace EPI.Collab.Api.Features.Pilots.GettingDetails;

public static class GetPilotEndpoint
{
    public static ProblemDetails Validate(PilotDetails? pilot, Guid pilotId) =>
        pilot is null ? PilotProblems.NotFound(pilotId) : WolverineContinue.NoProblems;

    /// <summary>One pilot with its status history, observations and evaluations.</summary>
    [WolverineGet("/api/cities/{cityId}/pilots/{pilotId}", OperationId = "GetPilot")]
    [Authorize(Policy = Policies.CityReader), Tags("Pilots")]
    public static PilotDetails Get([Entity("pilotId", Required = false)] PilotDetails pilot) => pilot;
}

public static class ListPilotsEndpoint
{
    /// <summary>The city's pilots, in the order they were planned.</summary>
    [WolverineGet("/api/cities/{cityId}/pilots", OperationId = "ListPilots")]
    [Authorize(Policy = Policies.CityReader), Tags("Pilots")]
    public static Task<IReadOnlyList<PilotDetails>> Get(IQuerySession session, CancellationToken ct) =>
        session.Query<PilotDetails>().OrderBy(p => p.Id).ToListAsync(ct);
}
