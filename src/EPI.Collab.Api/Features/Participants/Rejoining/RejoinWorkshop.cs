using System.ComponentModel.DataAnnotations;
using EPI.Collab.Api.Features.Participants.Joining;
using EPI.Collab.Api.Features.PersonalData;
using EPI.Collab.Api.Features.Workshops;
using EPI.Collab.Api.Infrastructure;
using EPI.Collab.Api.Infrastructure.Auth;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace EPI.Collab.Api.Features.Participants.Rejoining;

/// <param name="RejoinSecret">The secret the device received when it joined (<see cref="Joined.RejoinSecret"/>).</param>
public sealed record RejoinWorkshop([property: StringLength(100, MinimumLength = 1)] string RejoinSecret)
{
    public static RejoinWorkshop Example => new("q3X0bW9rZS1zZWNyZXQtb2YtZXhhbXBsZS1vbmx5LTMyYg");

    public Validation Check() => new Validation()
        .Require(!string.IsNullOrWhiteSpace(RejoinSecret), "rejoinSecret", "The rejoin secret is required.", "rejoin-secret-required")
        .Require((RejoinSecret?.Length ?? 0) <= RejoinCredential.MaxSecretLength, "rejoinSecret",
            $"At most {RejoinCredential.MaxSecretLength} characters.", "rejoin-secret-too-long");
}

/// <summary>What a rejoin needs: the workshop, the credential, and the participant it stands for unless they were erased.</summary>
public sealed record RejoinContext(Workshop? Workshop, RejoinCredential? Credential, Participant? Participant, bool Erased);

public static class RejoinWorkshopEndpoint
{
    public static async Task<RejoinContext> LoadAsync(Guid workshopId, RejoinWorkshop command, IQuerySession session, CancellationToken ct)
    {
        var workshop = await session.LoadAsync<Workshop>(workshopId, ct);
        if (command.Check() is not { IsValid: true }) return new(workshop, null, null, false);
        var credential = await session.LoadAsync<RejoinCredential>(RejoinCredential.IdOf(command.RejoinSecret), ct);
        if (credential is null || credential.WorkshopId != workshopId) return new(workshop, null, null, false);
        var participant = await session.LoadAsync<Participant>(credential.ParticipantId, ct);
        var erased = await session.LoadAsync<SubjectKey>(credential.ParticipantId, ct) is null;
        return new(workshop, credential, participant, erased);
    }

    public static ProblemDetails Validate(RejoinWorkshop command, RejoinContext context, Guid workshopId) =>
        command.Check() is { IsValid: false } invalid ? invalid.ToProblem()
        : context.Workshop is null ? WorkshopProblems.NotFound(workshopId)
        : context.Workshop.Status == WorkshopStatus.Closed
            ? Problems.RuleViolated("This workshop has closed; it no longer accepts participants.").WithCode("workshop-closed")
        : context.Credential is null || context.Participant is null
            ? Problems.NotFound("This device is not known in this workshop; join with the code shown in the room.").WithCode("rejoin-unknown")
        : !context.Participant.InTheRoom && !context.Erased
            ? Problems.Forbidden("The facilitator removed this participant from the workshop (or refused the join).").WithCode("participant-removed")
        : WolverineContinue.NoProblems;

    /// <summary>
    /// Come back as the same participant with the secret kept since joining: no second participant, no second ballot.
    /// A participant whose data were erased comes back as a new pseudonym (same group and language, nothing else).
    /// </summary>
    [WolverinePost("/api/cities/{cityId}/workshops/{workshopId}/participants/rejoin", OperationId = "RejoinWorkshop")]
    [RateLimited(RateLimitKind.Joining)]
    [AllowAnonymous, Tags("Joining")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status403Forbidden)]
    public static Joined Post(RejoinWorkshop command, RejoinContext context, IDocumentSession session, TokenIssuer issuer, KeyRing ring,
        DateTimeOffset now)
    {
        var (workshop, credential, participant) = (context.Workshop!, context.Credential!, context.Participant!);
        if (!context.Erased) return JoinWorkshopEndpoint.Answer(issuer, workshop, participant, rejoined: true, secret: null);

        var fresh = JoinWorkshopEndpoint.Start(session, ring,
            new ParticipantJoined(Guid.CreateVersion7(now), workshop.Id, workshop.CityId, participant.Group, participant.PreferredLanguage, now,
                Pending: participant.Standing == ParticipantStanding.Pending, AfterErasure: true),
            displayName: null, now);
        session.Store(credential with { ParticipantId = fresh.Id, IssuedAt = now });
        return JoinWorkshopEndpoint.Answer(issuer, workshop, fresh, rejoined: false, secret: null);
    }
}
