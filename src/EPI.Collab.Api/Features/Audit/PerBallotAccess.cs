using EPI.Collab.Api.Features.PersonalData;
using EPI.Collab.Api.Features.PersonalData.BreakGlass;
using EPI.Collab.Api.Infrastructure.Auth;
using Marten;

namespace EPI.Collab.Api.Features.Audit;

/// <summary>
/// Who reads single ballots of secret rounds (and small groups' ballots): nobody, except an auditor presenting a
/// break-glass grant (header <see cref="AuditAccessGrant.Header"/>) that covers the city or workshop. Each such read is
/// recorded in the grant's log as a <see cref="PersonalDataAccessed"/> event, as a reveal of texts is.
/// </summary>
public static class PerBallotAccess
{
    /// <summary>
    /// True when the caller is an auditor with a valid grant for <paramref name="workshopId"/> (null: the whole city, so
    /// only a city-wide grant counts); the read is then logged in <paramref name="cityId"/>. A presented grant that does not
    /// cover the read is refused (403), as is one presented without a city (grants are the city's); anyone else, or an
    /// auditor without the header, reads as staff do (false).
    /// </summary>
    public static async Task<bool> GrantedAsync(IDocumentStore store, string? cityId, HttpContext http, Guid? workshopId, CancellationToken ct)
    {
        var actor = Actor.From(http.User);
        if (actor.Role != Roles.Auditor || !http.Request.Headers.TryGetValue(AuditAccessGrant.Header, out var header)) return false;
        if (cityId is null) throw new AuditGrantRefusedException("A grant is one city's: export that city (cityId) to use it.");
        var now = DateTimeOffset.UtcNow;
        await using var session = store.LightweightSession(cityId);
        var grant = Guid.TryParse(header.ToString(), out var grantId) ? await session.LoadAsync<AuditAccessGrant>(grantId, ct) : null;
        if (grant is null || !grant.Covers(actor.Id, workshopId, now))
            throw new AuditGrantRefusedException("This audit access grant is unknown, expired, another auditor's or for another workshop.");
        session.Events.Append(grant.Id, new PersonalDataAccessed(grant.Id, actor.Id, http.Request.Path + http.Request.QueryString, 0, now));
        await session.SaveChangesAsync(ct);
        return true;
    }
}
