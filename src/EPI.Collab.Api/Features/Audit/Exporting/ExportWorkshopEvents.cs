using System.Security.Claims;
using EPI.Collab.Api.Features.PersonalData.BreakGlass;
using EPI.Collab.Api.Infrastructure;
using EPI.Collab.Api.Infrastructure.Contract;
using EPI.Collab.Api.Infrastructure.Auth;
using JasperFx.Events;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace EPI.Collab.Api.Features.Audit.Exporting;

public static class ExportWorkshopEventsEndpoint
{
    public static async Task<StreamState?> LoadAsync(Guid? workshopId, IQuerySession session, CancellationToken ct) =>
        workshopId is { } id ? await session.Events.FetchStreamStateAsync(id, ct) : null;

    // A one-city auditor reads only its city; checked before anything about the workshop is told.
    public static ProblemDetails Validate(string cityId, Guid? workshopId, StreamState? workshop, ClaimsPrincipal user) =>
        !CityAccess.Allows(user, cityId, CityAccessLevel.Read) ? Problems.Forbidden("This export is for auditors of the city.")
        : workshopId is null ? new Validation().Add("workshopId", "Name the workshop to export.").ToProblem()
        : workshop is null ? Problems.NotFound($"There is no workshop {workshopId} in this city.")
        : WolverineContinue.NoProblems;

    /// <summary>
    /// The events naming one workshop (its stream, proposals, comments, rounds, ballots, decisions), in the line format of
    /// the full export, each with its own chain link; the links between the lines lead through events outside the workshop.
    /// Secret rounds' single ballots and objections, and ballots of groups under five, are redacted lines unless an auditor
    /// presents a break-glass grant for the workshop in <c>X-Audit-Grant</c> (the read is logged with the grant).
    /// </summary>
    [WolverineGet("/api/cities/{cityId}/audit/export/events.jsonl", OperationId = "ExportAuditWorkshopEvents")]
    [Authorize(Policy = Policies.Auditor), Tags("Audit")]
    [RequestHeader(AuditAccessGrant.Header, AuditAccessGrant.HeaderDoc, Format = "uuid")]
    [ProducesResponseType(typeof(Stream), StatusCodes.Status200OK, "application/x-ndjson")]
    public static async Task<IResult> Get(string cityId, Guid? workshopId, HttpContext http, IQuerySession session, IDocumentStore store,
        CancellationToken ct)
    {
        var granted = await PerBallotAccess.GrantedAsync(store, cityId, http, workshopId, ct);
        return Results.Stream(body => ExportEventsEndpoint.WriteAsync(body, session, (after, upTo) => session.QueryAsync<ExportedEvent>(
                    $"""
                     {ExportEventsEndpoint.Columns} from {Persistence.Schema}.mt_events
                     where tenant_id = ? and data->>'workshopId' = ? and seq_id > ? and seq_id <= ? order by seq_id limit ?
                     """, ct, session.TenantId, workshopId!.Value.ToString(), after, upTo, Chain.PageSize), ct,
                granted ? null : new ExportRedaction(store)),
            "application/x-ndjson", $"workshop-{workshopId:N}.events.jsonl");
    }
}
