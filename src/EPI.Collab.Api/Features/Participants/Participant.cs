using EPI.Collab.Api.Features.PersonalData;
using EPI.Collab.Api.Features.Workshops;

namespace EPI.Collab.Api.Features.Participants;

/// <summary>The stakeholder groups EPI round tables bring together (DOMAIN.md §1.2, §5.3).</summary>
public enum StakeholderGroup
{
    LocalAuthority, WelfareInstitution, CivilSocietyOrganisation, GrassrootsNgo, MigrantLedOrganisation,
    Business, Academia, Resident, Other
}

/// <summary>
/// A phone joined a workshop. The participant id is random and the event holds no personal data:
/// an optional display name lives in <see cref="ParticipantProfile"/>, outside the event log, so it can be erased.
/// </summary>
/// <param name="Pending">Joined a workshop whose facilitator admits each join: no voice until <see cref="ParticipantAdmitted"/>.</param>
/// <param name="AfterErasure">
/// Created by a rejoin after the device's former participant was erased: it may not vote in rounds opened before it joined
/// (the erased one may have voted there). Nothing links it to the former participant.
/// </param>
public sealed record ParticipantJoined(
    Guid ParticipantId, Guid WorkshopId, string CityId, StakeholderGroup Group, string PreferredLanguage, DateTimeOffset JoinedAt,
    bool Pending = false, bool AfterErasure = false)
    : IWorkshopEvent;

/// <summary>Where a participant stands in the room. A token works for admitted and pending participants only.</summary>
public enum ParticipantStanding { Admitted, Pending, Refused, Removed }

/// <summary>Why a facilitator removed a participant: a fixed list, so no free text about a person enters the log.</summary>
public enum RemovalReason { DuplicateDevice, NotInTheRoom, Disruptive, JoinedByMistake, Other }

public sealed record ParticipantAdmitted(Guid ParticipantId, Guid WorkshopId, Guid By, string ByRole, DateTimeOffset At) : IWorkshopEvent;

public sealed record ParticipantRefused(Guid ParticipantId, Guid WorkshopId, Guid By, string ByRole, DateTimeOffset At) : IWorkshopEvent;

/// <summary>A facilitator removed a participant: their token and rejoin credential stop working, their open ballots are voided.</summary>
public sealed record ParticipantRemoved(Guid ParticipantId, Guid WorkshopId, RemovalReason Reason, Guid By, string ByRole, DateTimeOffset At)
    : IWorkshopEvent;

/// <summary>Write model of a participant stream.</summary>
public sealed record Participant(
    Guid Id, Guid WorkshopId, StakeholderGroup Group, string PreferredLanguage, DateTimeOffset? JoinedAt = null,
    ParticipantStanding Standing = ParticipantStanding.Admitted, bool AfterErasure = false, int Version = 0)
{
    public static Participant Create(ParticipantJoined e) => new(e.ParticipantId, e.WorkshopId, e.Group, e.PreferredLanguage, e.JoinedAt,
        e.Pending ? ParticipantStanding.Pending : ParticipantStanding.Admitted, e.AfterErasure);

    public Participant Apply(ParticipantAdmitted e) => this with { Standing = ParticipantStanding.Admitted };
    public Participant Apply(ParticipantRefused e) => this with { Standing = ParticipantStanding.Refused };
    public Participant Apply(ParticipantRemoved e) => this with { Standing = ParticipantStanding.Removed };

    /// <summary>Admitted or waiting: the token works (a pending one may follow the room, not speak in it).</summary>
    public bool InTheRoom => Standing is ParticipantStanding.Admitted or ParticipantStanding.Pending;

    /// <summary>The short pseudonym the phone shows and the console lists: nothing but the first characters of the random id.</summary>
    public string Pseudonym => Pseudonyms.Of(Id);
}

public static class Pseudonyms
{
    public static string Of(Guid participantId) => "#" + participantId.ToString("N")[^6..].ToUpperInvariant();
}

/// <summary>Personal data a participant chose to give: a mutable, erasable document, never an event.</summary>
/// <param name="DisplayName">Sealed under the participant's key, like everything they write.</param>
public sealed record ParticipantProfile(Guid Id, Guid WorkshopId, PersonalText? DisplayName);

/// <summary>
/// A device's long-lived way back to its participant: the SHA-256 (hex) of a random secret the phone keeps, and who it
/// stands for. A document, never an event; the secret itself is stored nowhere on the server.
/// </summary>
public sealed record RejoinCredential(string Id, Guid ParticipantId, Guid WorkshopId, DateTimeOffset IssuedAt)
{
    public const int MaxSecretLength = 100;

    /// <summary>A new secret (256 random bits, base64url) and the credential to store for it.</summary>
    public static (string Secret, RejoinCredential Stored) Issue(Guid participantId, Guid workshopId, DateTimeOffset now)
    {
        var secret = System.Buffers.Text.Base64Url.EncodeToString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        return (secret, new RejoinCredential(IdOf(secret), participantId, workshopId, now));
    }

    public static string IdOf(string secret) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(secret)));
}
