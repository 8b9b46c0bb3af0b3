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
