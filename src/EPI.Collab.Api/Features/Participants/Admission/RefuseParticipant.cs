using EPI.Collab.Api.Infrastructure.Contract;
using EPI.Collab.Api.Infrastructure.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Marten;

namespace EPI.Collab.Api.Features.Participants.Admission;

/// <param name="Version">The participant's version the console listed (optimistic concurrency).</param>
public sealed record RefuseParticipant([property: ExpectedVersion] int Version)
{
    public static RefuseParticipant Example => new(1);
}

public static class RefuseParticipantEndpoint
{
    public static ProblemDetails Validate(Participant? participant, Guid workshopId, Guid participantId) =>
        AdmissionRules.NotWaiting(participant, workshopId, participantId) ?? WolverineContinue.NoProblems;

    public static ParticipantRefused Decide(Participant participant, Actor actor, DateTimeOffset now) =>
        new(participant.Id, participant.WorkshopId, actor.Id, actor.Role, now);

    /// <summary>Refuse a join that waits for the facilitator: its token and rejoin secret stop working.</summary>
    [WolverinePost("/api/cities/{cityId}/workshops/{workshopId}/participants/{participantId}/refuse", OperationId = "RefuseParticipant")]
    [Authorize(Policy = Policies.CityStaff), Tags("Admission")]
    public static (UpdatedAggregate, Events) Post(RefuseParticipant command, [WriteAggregate("participantId")] Participant participant,
        Actor actor, DateTimeOffset now) =>
        (new UpdatedAggregate(), [Decide(participant, actor, now)]);
}
