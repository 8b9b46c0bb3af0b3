using EPI.Collab.Api.Infrastructure.Contract;
using System.ComponentModel.DataAnnotations;
using EPI.Collab.Api.Infrastructure;
using EPI.Collab.Api.Infrastructure.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Marten;

namespace EPI.Collab.Api.Features.PersonalData.BreakGlass;

/// <param name="Purpose">Why the auditor needs to read personal texts (e.g. the complaint or inquiry reference).</param>
/// <param name="WorkshopId">Limits the grant to one workshop; null covers the whole city.</param>
/// <param name="Minutes">How long the grant lasts (1–240, default 30).</param>
public sealed record GrantAuditAccess([property: StringLength(GrantAuditAccess.MaxPurposeLength, MinimumLength = GrantAuditAccess.MinPurposeLength)] string Purpose, Guid? WorkshopId = null, [property: Range(1, GrantAuditAccess.MaxMinutes)] int? Minutes = null)
{
    public const int MinPurposeLength = 10, MaxPurposeLength = 500, MaxMinutes = 240, DefaultMinutes = 30;

    public static GrantAuditAccess Example => new("Complaint 2026/041: check how the Cluj round table's proposals were reworded", null, 30);

    public Validation Check() => new Validation()
        .RequireLength(Purpose?.Trim(), "purpose", MinPurposeLength, MaxPurposeLength);
}

public sealed record AuditAccessGrantIssued(Guid GrantId, DateTimeOffset ExpiresAt, string Header);

public static class GrantAuditAccessEndpoint
{
    public static ProblemDetails Validate(GrantAuditAccess command, Actor actor) =>
        actor.Role != Roles.Auditor ? Problems.Forbidden("Only auditors break the glass; staff of the city read its texts anyway.")
        : command.Check() is { IsValid: false } invalid ? invalid.ToProblem()
        : WolverineContinue.NoProblems;

    public static AuditAccessGranted Decide(GrantAuditAccess command, Guid grantId, Actor auditor, DateTimeOffset now) =>
        new(grantId, auditor.Id, command.WorkshopId, command.Purpose.Trim(),
            now.AddMinutes(command.Minutes ?? GrantAuditAccess.DefaultMinutes), now);

    /// <summary>
    /// Break-glass for an auditor: for a stated purpose and a limited time, proposals, comments and display names of
    /// the city (or one workshop) are shown to this auditor when the response's request carries the grant in the
    /// <c>X-Audit-Grant</c> header. The grant and every read under it are events the city can see.
    /// </summary>
    [WolverinePost("/api/cities/{cityId}/audit/access-grants", OperationId = "GrantAuditAccess")]
    // Two requirements: readers of the city, and of those the auditors only; refused before the body is read.
    [Authorize(Policy = Policies.CityReader), Authorize(Roles = Roles.Auditor), Tags("Audit")]
    public static (CreationResponse<AuditAccessGrantIssued>, IStartStream) Post(GrantAuditAccess command, string cityId, Actor actor,
        DateTimeOffset now)
    {
        var granted = Decide(command, Guid.CreateVersion7(now), actor, now);
        return (new CreationResponse<AuditAccessGrantIssued>($"/api/cities/{cityId}/audit/access-grants",
                new AuditAccessGrantIssued(granted.GrantId, granted.ExpiresAt, AuditAccessGrant.Header)),
            MartenOps.StartStream<AuditAccessGrant>(granted.GrantId, granted));
    }
}
