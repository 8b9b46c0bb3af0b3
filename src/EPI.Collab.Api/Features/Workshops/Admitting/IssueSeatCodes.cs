using EPI.Collab.Api.Infrastructure.Contract;
using System.ComponentModel.DataAnnotations;
using EPI.Collab.Api.Infrastructure;
using EPI.Collab.Api.Infrastructure.Auth;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Marten;

namespace EPI.Collab.Api.Features.Workshops.Admitting;

/// <param name="Count">How many new seat codes to print (each admits one person, once).</param>
public sealed record IssueSeatCodes([property: ExpectedVersion] int Version, [property: Range(1, IssueSeatCodes.MaxCount)] int Count)
{
    public const int MaxCount = 200;

    public static IssueSeatCodes Example => new(3, 30);
}

/// <param name="Version">The workshop's version after issuing, for the next command.</param>
/// <param name="Codes">The new codes, to print (they can be listed again with <c>GET …/seat-codes</c>).</param>
public sealed record SeatCodesIssuedResponse(Guid WorkshopId, int Version, int Seats, IReadOnlyList<string> Codes);

public static class IssueSeatCodesEndpoint
{
    public static ProblemDetails Validate(IssueSeatCodes command, Workshop? workshop, Guid workshopId) =>
        workshop is null ? WorkshopProblems.NotFound(workshopId)
        : command.Count is < 1 or > IssueSeatCodes.MaxCount ? new Validation().Add("count", $"Between 1 and {IssueSeatCodes.MaxCount}.").ToProblem()
        : workshop.Status == WorkshopStatus.Closed ? Problems.RuleViolated("This workshop has closed.").WithCode("workshop-closed")
        : WolverineContinue.NoProblems;

    public static SeatCodesIssued Decide(Workshop workshop, int count, Actor actor, DateTimeOffset now) =>
        new(workshop.Id, count, workshop.Seats + count, actor.Id, actor.Role, now);

    /// <summary>Print more seat codes for a workshop: in SEAT_CODES mode each admits one person, once.</summary>
    [WolverinePost("/api/cities/{cityId}/workshops/{workshopId}/seat-codes", OperationId = "IssueSeatCodes")]
    [Authorize(Policy = Policies.CityStaff), Tags("Admission")]
    public static (SeatCodesIssuedResponse, Events) Post(IssueSeatCodes command, [WriteAggregate] Workshop workshop, IDocumentSession session,
        Actor actor, DateTimeOffset now)
    {
        var issued = Decide(workshop, command.Count, actor, now);
        var codes = Enumerable.Range(0, command.Count).Select(_ => SeatCode.Generate()).Distinct().ToList();
        foreach (var code in codes) session.Insert(new SeatCode(code, workshop.Id, now));
        return (new SeatCodesIssuedResponse(workshop.Id, workshop.Version + 1, issued.Seats, codes), [issued]);
    }
}
