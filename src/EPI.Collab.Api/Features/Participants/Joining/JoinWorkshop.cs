using EPI.Collab.Api.Features.ReferenceData;
using EPI.Collab.Api.Infrastructure.Contract;
using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using EPI.Collab.Api.Features.PersonalData;
using EPI.Collab.Api.Features.Workshops;
using EPI.Collab.Api.Features.Workshops.Opening;
using EPI.Collab.Api.Infrastructure;
using EPI.Collab.Api.Infrastructure.Auth;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Microsoft.AspNetCore.Http;

namespace EPI.Collab.Api.Features.Participants.Joining;

/// <summary>Join from a phone: no account, no e-mail, no phone number.</summary>
/// <param name="JoinCode">The code shown in the room.</param>
/// <param name="Group">Required: the stakeholder group the person is here for. There is no default group.</param>
/// <param name="DisplayName">Optional; kept outside the event log and erasable.</param>
/// <param name="SeatCode">Required when the workshop admits by seat code (SEAT_CODES): the code printed on the seat card.</param>
public sealed record JoinWorkshop([property: StringLength(JoinCodes.Length, MinimumLength = JoinCodes.Length)] string JoinCode, StakeholderGroup? Group, [property: Language] string PreferredLanguage, [property: StringLength(JoinWorkshop.MaxDisplayNameLength)] string? DisplayName = null,
    [property: StringLength(Workshops.Admitting.SeatCode.Length + 4, MinimumLength = 1)] string? SeatCode = null)
{
    public static JoinWorkshop Example => new("F3YMKE", StakeholderGroup.MigrantLedOrganisation, "ro");

    public const int MaxDisplayNameLength = 60;

    public Validation Check() => new Validation()
        .Require(!string.IsNullOrWhiteSpace(JoinCode), "joinCode", "The join code is required.", "join-code-required")
        .Require(Group is not null, "group", "Choose the stakeholder group you are here for.", "group-required")
        .Require(Group is null || Enum.IsDefined(Group.Value), "group", "Unknown stakeholder group.", "group-unknown")
        .Require(ReferenceData.Languages.IsAccepted(PreferredLanguage), "preferredLanguage",
            ReferenceData.Languages.AcceptedList, "language-unsupported")
        .Require((DisplayName?.Length ?? 0) <= MaxDisplayNameLength, "displayName", $"At most {MaxDisplayNameLength} characters.", "display-name-too-long");
}

/// <param name="Standing">ADMITTED, or PENDING while the facilitator has not admitted this join yet (the token then only follows the room).</param>
/// <param name="Pseudonym">A short name of this participant the phone shows, so the facilitator can tell who is waiting.</param>
/// <param name="Rejoined">True when the device presented its token or rejoin secret and got its existing participant back.</param>
/// <param name="RejoinSecret">
/// Keep it on the device (the phone page keeps it in localStorage): <c>POST …/participants/rejoin</c> with it returns a
/// token for the same participant after a restart, a reload or an expired token. Null when the device already holds one.
/// </param>
public sealed record Joined(
    Guid ParticipantId, Guid WorkshopId, string CityId, StakeholderGroup Group, string PreferredLanguage,
    string AccessToken, DateTimeOffset ExpiresAt, bool Rejoined, string? RejoinSecret, ParticipantStanding Standing, string Pseudonym);

/// <summary>The device presented the token of a participant whose data were erased: the new participant is flagged, not linked.</summary>
public sealed record ErasedBefore(bool Value);

public static class JoinWorkshopEndpoint
{
    public static readonly TimeSpan TokenLifetime = TimeSpan.FromHours(24);

    /// <summary>
    /// The participant this device already is in this workshop, if it presented that token; an erased participant
    /// (their key destroyed) is nobody: the device joins as a new pseudonym.
    /// </summary>
    public static async Task<(Workshop?, Participant?, ErasedBefore)> LoadAsync(string cityId, Guid workshopId, ClaimsPrincipal user,
        IQuerySession session, CancellationToken ct)
    {
        var workshop = await session.LoadAsync<Workshop>(workshopId, ct);
        var existing = WorkshopAccess.IsParticipantOf(user, cityId, workshopId) && Guid.TryParse(user.FindFirst(EpiClaims.Subject)?.Value, out var id)
            ? await session.LoadAsync<Participant>(id, ct)
            : null;
        var erased = existing is not null && await session.LoadAsync<SubjectKey>(existing.Id, ct) is null;
        if (erased || existing is { InTheRoom: false }) existing = null;
        return (workshop, existing, new ErasedBefore(erased));
    }

    public static ProblemDetails Validate(JoinWorkshop command, Workshop? workshop, Guid workshopId) =>
        command.Check() is { IsValid: false } invalid ? invalid.ToProblem()
        : workshop is null ? WorkshopProblems.NotFound(workshopId)
        : workshop.Status == WorkshopStatus.Closed ? Problems.RuleViolated("This workshop has closed; it no longer accepts participants.").WithCode("workshop-closed")
        : !workshop.IsLive ? Problems.RuleViolated("This workshop is not open yet.").WithCode("workshop-not-open")
        : workshop.JoinCode != JoinCodes.Normalize(command.JoinCode)
            ? new Validation().Add("joinCode", "This is not the join code of this workshop.").ToProblem().WithCode("join-code-wrong")
        : WolverineContinue.NoProblems;

    /// <summary>
    /// Join an open workshop and receive a participant token for it. Presenting that token again returns the same participant.
    /// Depending on the workshop's admission mode the join needs a seat code, or waits for the facilitator (PENDING).
    /// </summary>
    [WolverinePost("/api/cities/{cityId}/workshops/{workshopId}/participants", OperationId = "JoinWorkshop")]
    [RateLimited(RateLimitKind.Joining)]
    [AllowAnonymous, Tags("Joining")]
    [ProducesResponseType<Joined>(StatusCodes.Status200OK)]
    public static async Task<IResult> Post(JoinWorkshop command, Workshop workshop, Participant? existing, ErasedBefore erasedBefore, IDocumentSession session,
        TokenIssuer issuer, KeyRing ring, JoinMeter meter, DateTimeOffset now, CancellationToken ct)
    {
        var participant = existing;
        if (participant is null)
        {
            // One join at a time per workshop where a cap or seat codes must hold under a burst of joins (the room is
            // counted only where there is a cap: at 10,000 phones the count is the cost of a join). An open room
            // without a cap has nothing to hold, so its joins go in parallel.
            var current = workshop;
            if (workshop.Cap is not null || workshop.Admission == AdmissionMode.SeatCodes)
            {
                await session.BeginTransactionAsync(ct);
                await AdvisoryLocks.Exclusive(session, workshop.Id, ct);
                current = await session.LoadAsync<Workshop>(workshop.Id, ct) ?? workshop;
            }
            var inTheRoom = current.Cap is null ? 0 : await session.Query<Participant>().CountAsync(p => p.WorkshopId == workshop.Id
                && (p.Standing == ParticipantStanding.Admitted || p.Standing == ParticipantStanding.Pending), ct);
            var seatCode = Workshops.Opening.JoinCodes.Normalize(command.SeatCode);
            var seat = current.Admission == AdmissionMode.SeatCodes && Workshops.Admitting.SeatCode.IsWellFormed(seatCode)
                ? await session.LoadAsync<Workshops.Admitting.SeatCode>(seatCode, ct)
                : null;
            var (joined, refusal) = JoinDecision.Decide(current, command, inTheRoom, seat, Guid.CreateVersion7(now), now);
            await meter.Count(current, refused: refusal is not null, now);
            if (refusal is { } refused) return Results.Problem(JoinDecision.Problem(refused));
            if (seat is not null) session.Store(seat with { Used = true, UsedAt = now });
            participant = Start(session, ring, joined! with { AfterErasure = erasedBefore.Value }, command.DisplayName, now);
        }
        // A device without a rejoin secret (a new one, or one that joined before secrets existed) gets one.
        var (secret, credential) = RejoinCredential.Issue(participant.Id, workshop.Id, now);
        session.Insert(credential);
        return Results.Ok(Answer(issuer, workshop, participant, rejoined: existing is not null, secret));
    }

    /// <summary>Starts a participant's stream, creates their key and keeps their optional display name sealed under it.</summary>
    public static Participant Start(IDocumentSession session, KeyRing ring, ParticipantJoined joined, string? displayName, DateTimeOffset now)
    {
        session.Events.StartStream<Participant>(joined.ParticipantId, joined);
        // The participant's key, under which their display name and every text they write are sealed.
        var seal = SubjectKeys.Create(session, ring, joined.ParticipantId, now);
        if (!string.IsNullOrWhiteSpace(displayName))
            session.Store(new ParticipantProfile(joined.ParticipantId, joined.WorkshopId,
                seal.Seal(new ReferenceData.LocalizedText(joined.PreferredLanguage, displayName.Trim()))));
        return Participant.Create(joined);
    }

    public static Joined Answer(TokenIssuer issuer, Workshop workshop, Participant participant, bool rejoined, string? secret)
    {
        var token = issuer.Issue(participant.Id, Roles.Participant, workshop.CityId, lifetime: TokenLifetime, workshop: workshop.Id);
        return new Joined(participant.Id, workshop.Id, workshop.CityId, participant.Group, participant.PreferredLanguage,
            token.AccessToken, token.ExpiresAt, rejoined, secret, participant.Standing, participant.Pseudonym);
    }
}
