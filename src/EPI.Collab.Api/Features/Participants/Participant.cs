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
public sealed record ParticipantJoined(
    Guid ParticipantId, Guid WorkshopId, string CityId, StakeholderGroup Group, string PreferredLanguage, DateTimeOffset JoinedAt)
    : IWorkshopEvent;

/// <summary>Write model of a participant stream.</summary>
public sealed record Participant(Guid Id, Guid WorkshopId, StakeholderGroup Group, string PreferredLanguage)
{
    public static Participant Create(ParticipantJoined e) => new(e.ParticipantId, e.WorkshopId, e.Group, e.PreferredLanguage);
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
