using EPI.Collab.Api.Infrastructure.Contract;
using System.ComponentModel.DataAnnotations;
using EPI.Collab.Api.Infrastructure;
using EPI.Collab.Api.Infrastructure.Auth;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Marten;

namespace EPI.Collab.Api.Features.Workshops.Opening;

/// <param name="Version">The workshop version the facilitator saw (optimistic concurrency).</param>
public sealed record OpenWorkshop([property: ExpectedVersion] int Version)
{
    public static OpenWorkshop Example => new(1);
}

public sealed record FreeJoinCode(string Value);

/// <param name="Version">The workshop's version after opening, for the next command.</param>
public sealed record WorkshopOpenedResponse(Guid WorkshopId, int Version, string JoinCode, string JoinUrl, string QrCodeUrl);

public static class OpenWorkshopEndpoint
{
    /// <summary>Picks a code no open workshop uses; the primary key still guards the race (409).</summary>
    public static async Task<FreeJoinCode> LoadAsync(IQuerySession session, CancellationToken ct)
    {
        while (true)
        {
            var candidate = JoinCodes.Generate();
            if (await session.LoadAsync<OpenJoinCode>(candidate, ct) is null) return new FreeJoinCode(candidate);
        }
    }

    public static ProblemDetails Validate(Workshop? workshop, Guid workshopId) =>
        workshop is null ? WorkshopProblems.NotFound(workshopId)
        : workshop.Status != WorkshopStatus.Scheduled ? Problems.RuleViolated(
            $"Only a scheduled workshop can be opened; this one is {workshop.Status.ToString().ToLowerInvariant()}.")
        : WolverineContinue.NoProblems;

    public static WorkshopOpened Decide(Workshop workshop, string joinCode, Actor actor, DateTimeOffset now) =>
        new(workshop.Id, joinCode, actor.Id, actor.Role, now);

    /// <summary>Open a scheduled workshop: participants can join with the returned code.</summary>
    [WolverinePost("/api/cities/{cityId}/workshops/{workshopId}/open", OperationId = "OpenWorkshop")]
    [Authorize(Policy = Policies.CityStaff), Tags("Workshops")]
    public static (WorkshopOpenedResponse, Events, IMartenOp) Post(OpenWorkshop command, [WriteAggregate] Workshop workshop,
        string cityId, FreeJoinCode code, Actor actor, DateTimeOffset now)
    {
        var opened = Decide(workshop, code.Value, actor, now);
        var response = new WorkshopOpenedResponse(workshop.Id, workshop.Version + 1, opened.JoinCode, JoinLinks.JoinUrl(opened.JoinCode),
            $"/api/cities/{cityId}/workshops/{workshop.Id}/join-qr");
        return (response, [opened], MartenOps.Insert(new OpenJoinCode(opened.JoinCode, workshop.Id, cityId)));
    }
}

public static class JoinLinks
{
    /// <summary>The address a phone opens from the QR code; the phone page (issue #6) serves it.</summary>
    public static string JoinUrl(string joinCode) => $"/join/{joinCode}";
}
