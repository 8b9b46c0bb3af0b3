using EPI.Collab.Api.Infrastructure;
using EPI.Collab.Api.Infrastructure.Auth;
using Marten;

namespace EPI.Collab.Api.Features.PersonalData;

/// <summary>A participant whose personal data were erased tried to write again under the same identity.</summary>
public sealed class SubjectErasedException() : ErrorHandling.ProblemException(StatusCodes.Status422UnprocessableEntity, "subject-erased",
    "This participant's personal data were erased; join again to take part.");

public static class SubjectKeys
{
    /// <summary>
    /// The key the actor's new texts are sealed under. Participants receive theirs when they join; a staff member's is
    /// created (inserted into this session, so it commits with the text) the first time they write in the city.
    /// A participant without a key was erased and may not write again.
    /// </summary>
    public static async Task<SubjectSeal> ForWritingAsync(IDocumentSession session, KeyRing ring, Actor actor, DateTimeOffset now,
        CancellationToken ct)
    {
        if (await session.LoadAsync<SubjectKey>(actor.Id, ct) is { } stored)
            return ring.Unwrap(session.TenantId, stored) ?? throw new InvalidOperationException($"The key of subject {actor.Id} does not unwrap.");
        if (actor.Role == Roles.Participant) throw new SubjectErasedException();
        return Create(session, ring, actor.Id, now);
    }

    /// <summary>Creates a subject's key in this session; an insert, so a second key for the same subject fails the transaction.</summary>
    public static SubjectSeal Create(IDocumentSession session, KeyRing ring, Guid subject, DateTimeOffset now)
    {
        var (stored, seal) = ring.Create(session.TenantId, subject, now);
        session.Insert(stored);
        return seal;
    }

    /// <summary>The keys of the given subjects that still exist in this city (erased ones are missing).</summary>
    public static async Task<IReadOnlyDictionary<Guid, SubjectSeal>> LoadAsync(IQuerySession session, KeyRing ring, IEnumerable<Guid> subjects,
        CancellationToken ct)
    {
        var ids = subjects.Distinct().ToArray();
        if (ids.Length == 0) return new Dictionary<Guid, SubjectSeal>();
        var stored = await session.LoadManyAsync<SubjectKey>(ct, ids);
        return stored.Select(k => ring.Unwrap(session.TenantId, k)).OfType<SubjectSeal>().ToDictionary(s => s.Subject);
    }
}
