using System.Security.Claims;
using EPI.Collab.Api.Features.PersonalData.BreakGlass;
using EPI.Collab.Api.Infrastructure;
using EPI.Collab.Api.Infrastructure.Auth;
using Marten;

namespace EPI.Collab.Api.Features.PersonalData;

/// <summary>An auditor presented a grant that is unknown, expired, someone else's or for another workshop.</summary>
public sealed class AuditGrantRefusedException(string message)
    : ErrorHandling.ProblemException(StatusCodes.Status403Forbidden, "audit-grant-refused", message);

/// <summary>
/// Opens sealed texts for one response. Everyone with access to the resource reads the texts, except auditors: they
/// see <see cref="PersonalTextState.Withheld"/> unless they present a break-glass grant (header
/// <see cref="AuditAccessGrant.Header"/>), and each such read is recorded as a <see cref="PersonalDataAccessed"/> event.
/// Texts of erased subjects read "[erased]".
/// </summary>
public sealed class Revealer
{
    private readonly IReadOnlyDictionary<Guid, SubjectSeal> _seals;
    private readonly bool _withheld;

    private Revealer(IReadOnlyDictionary<Guid, SubjectSeal> seals, bool withheld) => (_seals, _withheld) = (seals, withheld);

    public static async Task<Revealer> LoadAsync(IQuerySession session, KeyRing ring, HttpContext http, Guid? workshopId,
        IEnumerable<PersonalText?> texts, CancellationToken ct)
    {
        var subjects = texts.OfType<PersonalText>().Select(t => t.Subject).Distinct().ToList();
        var actor = Actor.From(http.User);
        if (actor.Role == Roles.Auditor)
        {
            if (!http.Request.Headers.TryGetValue(AuditAccessGrant.Header, out var header)) return new Revealer(new Dictionary<Guid, SubjectSeal>(), true);
            var now = DateTimeOffset.UtcNow;
            var grant = Guid.TryParse(header.ToString(), out var grantId) ? await session.LoadAsync<AuditAccessGrant>(grantId, ct) : null;
            if (grant is null || !grant.Covers(actor.Id, workshopId, now))
                throw new AuditGrantRefusedException("This audit access grant is unknown, expired, another auditor's or for another workshop.");
            await using var log = session.DocumentStore.LightweightSession(session.TenantId);
            log.Events.Append(grant.Id, new PersonalDataAccessed(grant.Id, actor.Id, http.Request.Path + http.Request.QueryString, subjects.Count, now));
            await log.SaveChangesAsync(ct);
        }

        return new Revealer(await SubjectKeys.LoadAsync(session, ring, subjects, ct), false);
    }

    /// <summary>Also opens texts sealed under these seals (derived ones, see <see cref="SubjectSeal.Derive"/>); withheld stays withheld.</summary>
    public Revealer With(IEnumerable<SubjectSeal> more) =>
        _withheld ? this : new Revealer(_seals.Concat(more.Select(s => KeyValuePair.Create(s.Subject, s))).DistinctBy(s => s.Key)
            .ToDictionary(), false);

    public bool Withheld => _withheld;

    public PersonalText? Reveal(PersonalText? text) => text switch
    {
        null => null,
        _ when _withheld => text with { Sealed = null, Text = null, State = PersonalTextState.Withheld },
        _ when _seals.TryGetValue(text.Subject, out var seal) && seal.Open(text.Sealed) is { } plain =>
            text with { Sealed = null, Text = plain, State = PersonalTextState.Revealed },
        _ => text with { Sealed = null, Text = PersonalText.ErasedMarker, State = PersonalTextState.Erased }
    };
}
