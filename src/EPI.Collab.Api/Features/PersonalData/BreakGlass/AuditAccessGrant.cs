namespace EPI.Collab.Api.Features.PersonalData.BreakGlass;

/// <summary>
/// An auditor broke the glass: for a stated purpose and a limited time, personal texts of the city (or of one workshop)
/// are shown to them. The purpose is the auditor's professional statement, not data about a participant.
/// </summary>
public sealed record AuditAccessGranted(Guid GrantId, Guid AuditorId, Guid? WorkshopId, string Purpose, DateTimeOffset ExpiresAt,
    DateTimeOffset At);

/// <summary>An auditor read personal texts under a grant: which resource, how many subjects' texts it revealed.</summary>
public sealed record PersonalDataAccessed(Guid GrantId, Guid AuditorId, string Resource, int Subjects, DateTimeOffset At);

/// <summary>A grant and how it was used; the city's staff see every grant.</summary>
public sealed record AuditAccessGrant(Guid Id, Guid AuditorId, Guid? WorkshopId, string Purpose, DateTimeOffset GrantedAt,
    DateTimeOffset ExpiresAt, int Accesses, DateTimeOffset? LastAccessAt, int Version = 0)
{
    /// <summary>The request header that presents a grant.</summary>
    public const string Header = "X-Audit-Grant";

    public const string HeaderDoc = "Auditors only: the id of a break-glass grant (POST …/audit/access-grants) that covers this " +
        "workshop; without it an auditor reads sealed texts as WITHHELD. Each read under a grant is recorded; an unknown, " +
        "expired or foreign grant is 403.";

    public static AuditAccessGrant Create(AuditAccessGranted e) =>
        new(e.GrantId, e.AuditorId, e.WorkshopId, e.Purpose, e.At, e.ExpiresAt, 0, null);

    public AuditAccessGrant Apply(PersonalDataAccessed e) => this with { Accesses = Accesses + 1, LastAccessAt = e.At };

    public bool Covers(Guid auditor, Guid? workshopId, DateTimeOffset now) =>
        auditor == AuditorId && now < ExpiresAt && (WorkshopId is null || WorkshopId == workshopId);
}
