using EPI.Collab.Api.Infrastructure.Contract;
using EPI.Collab.Api.Infrastructure;
using EPI.Collab.Api.Infrastructure.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Marten;

namespace EPI.Collab.Api.Features.Participants.Admission;

/// <param name="Version">The participant's version the console listed (optimistic concurrency).</param>
public sealed record AdmitParticipant([property: ExpectedVersion] int Version)
{
    public static AdmitParticipant Example => new(1);
}

public static class AdmitParticipantEndpoint
{
    public static ProblemDetails Validate(Participant? participant, Guid workshopId, Guid participantId) =>
        AdmissionRules.NotWaiting(participant, workshopId, participantId) ?? WolverineContinue.NoProblems;

    public static ParticipantAdmitted Decide(Participant participant, Actor actor, DateTimeOffset now) =>
        new(participant.Id, participant.WorkshopId, actor.Id, actor.Role, now);

    /// <summary>Admit a join that waits for the facilitator: the phone continues live, with a voice in the room.</summary>
    [WolverinePost("/api/cities/{cityId}/workshops/{workshopId}/participants/{participantId}/admit", OperationId = "AdmitParticipant")]
    [Authorize(Policy = Policies.CityStaff), Tags("Admission")]
    public static (UpdatedAggregate, Events) Post(AdmitParticipant command, [WriteAggregate("participantId")] Participant participant,
        Actor actor, DateTimeOffset now) =>
        (new UpdatedAggregate(), [Decide(participant, actor, now)]);
}

/// <summary>Refusals the admission slices word the same way.</summary>
public static class AdmissionRules
{
    public static ProblemDetails? NotFound(Participant? participant, Guid workshopId, Guid participantId) =>
        participant is null || participant.WorkshopId != workshopId
            ? Problems.NotFound($"There is no participant {participantId} in this workshop.")
            : null;

    public static ProblemDetails? NotWaiting(Participant? participant, Guid workshopId, Guid participantId) =>
        NotFound(participant, workshopId, participantId)
        ?? (participant!.Standing != ParticipantStanding.Pending
            ? Problems.Conflict($"This participant is not waiting to be admitted (they are {participant.Standing.ToString().ToLowerInvariant()}).")
                .WithCode("participant-not-waiting")
            : null);
}
