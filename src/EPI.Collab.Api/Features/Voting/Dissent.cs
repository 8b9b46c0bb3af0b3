using Marten;
using System.Security.Cryptography;
using System.Text;
using EPI.Collab.Api.Features.PersonalData;
using EPI.Collab.Api.Features.Voting.Casting;

namespace EPI.Collab.Api.Features.Voting;

/// <summary>
/// A voter objected to an option of a consent round. Kept on the round's own dissent stream, not in the ballot: no ballot
/// id, no group, no participant; the reason is sealed under the objector's key (erasing them makes it "[erased]").
/// <see cref="ObjectionId"/> is derived from the ballot and option, so a changed ballot replaces its objection.
/// </summary>
public sealed record ObjectionRaised(Guid ObjectionId, Guid RoundId, Guid WorkshopId, Guid OptionId, PersonalText Reason, DateTimeOffset At);

/// <summary>A voter changed their ballot and no longer objects to that option.</summary>
public sealed record ObjectionWithdrawn(Guid ObjectionId, Guid RoundId, Guid WorkshopId, DateTimeOffset At);

/// <summary>One standing objection: the option and the sealed reason.</summary>
public sealed record StandingObjection(Guid ObjectionId, Guid OptionId, PersonalText Reason);

/// <summary>The objections standing in one round (the snapshot of its dissent stream).</summary>
public sealed record RoundDissent(Guid Id, Guid RoundId, Guid WorkshopId, IReadOnlyList<StandingObjection> Objections, int Version = 0)
{
    /// <summary>The id of a round's dissent stream, derived from the round id.</summary>
    public static Guid StreamId(Guid roundId) => Derive($"dissent:{roundId:N}");

    public static Guid ObjectionId(Guid ballotId, Guid optionId) => Derive($"objection:{ballotId:N}:{optionId:N}");

    public static RoundDissent Create(ObjectionRaised e) => new(StreamId(e.RoundId), e.RoundId, e.WorkshopId, [Standing(e)]);

    public RoundDissent Apply(ObjectionRaised e) => this with
    {
        Objections = Objections.Any(o => o.ObjectionId == e.ObjectionId)
            ? [.. Objections.Select(o => o.ObjectionId == e.ObjectionId ? Standing(e) : o)]
            : [.. Objections, Standing(e)]
    };

    public RoundDissent Apply(ObjectionWithdrawn e) => this with { Objections = [.. Objections.Where(o => o.ObjectionId != e.ObjectionId)] };

    private static StandingObjection Standing(ObjectionRaised e) => new(e.ObjectionId, e.OptionId, e.Reason);

    /// <summary>
    /// The dissent events a ballot brings (pure): each objection with its sealed reason (raised again when the ballot
    /// changes), and a withdrawal for each option the replaced ballot objected to and the new one does not.
    /// </summary>
    public static IReadOnlyList<object> Decide(Ballot? existing, BallotRequest request, DateTimeOffset now)
    {
        var events = new List<object>();
        var reasons = request.Reasons ?? new Dictionary<Guid, PersonalText>();
        foreach (var mark in request.Marks.Where(m => m.Value == -1 && reasons.ContainsKey(m.OptionId)))
            events.Add(new ObjectionRaised(ObjectionId(request.BallotId, mark.OptionId), request.RoundId, request.WorkshopId, mark.OptionId,
                reasons[mark.OptionId], now));
        var objectingNow = request.Marks.Where(m => m.Value == -1).Select(m => m.OptionId).ToHashSet();
        foreach (var before in (existing?.Marks ?? []).Where(m => m.Value == -1 && !objectingNow.Contains(m.OptionId)))
            events.Add(new ObjectionWithdrawn(ObjectionId(request.BallotId, before.OptionId), request.RoundId, request.WorkshopId, now));
        return events;
    }

    /// <summary>The marks as the ballot stores them: an objection's reason lives only, sealed, on the dissent stream.</summary>
    public static IReadOnlyList<BallotMark> WithoutReasons(IReadOnlyList<BallotMark> marks) =>
        marks.Any(m => m.Reason is not null) ? [.. marks.Select(m => m with { Reason = null })] : marks;

    private static Guid Derive(string name)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(name), hash);
        hash[6] = (byte)((hash[6] & 0x0F) | 0x80);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash[..16], bigEndian: true);
    }
}

/// <summary>Seals a ballot's objection reasons before it goes to the intake.</summary>
public static class ObjectionSealing
{
    public static IReadOnlyDictionary<Guid, PersonalText>? Seal(SubjectSeal seal, string lang, IReadOnlyList<BallotMark> marks) =>
        marks.Any(m => m.Value == -1 && m.Reason is not null)
            ? marks.Where(m => m.Value == -1 && m.Reason is not null)
                .ToDictionary(m => m.OptionId, m => seal.Seal(new ReferenceData.LocalizedText(lang, m.Reason!.Trim())))
            : null;

    /// <summary>
    /// A phone ballot: the reasons are sealed under a key derived from the voter's key for this round
    /// (<see cref="SubjectSeal.Derive"/>), so the sealed text names no participant, even in the database, and erasing the voter
    /// erases it. A voter whose key was erased cannot object (422).
    /// </summary>
    public static async Task<IReadOnlyDictionary<Guid, PersonalText>?> ForVoterAsync(Marten.IQuerySession session, KeyRing ring,
        Participants.Participant voter, Guid roundId, IReadOnlyList<BallotMark> marks, CancellationToken ct)
    {
        if (!marks.Any(m => m.Value == -1 && m.Reason is not null)) return null;
        var keys = await SubjectKeys.LoadAsync(session, ring, [voter.Id], ct);
        return keys.TryGetValue(voter.Id, out var seal)
            ? Seal(seal.Derive(Purpose(roundId)), voter.PreferredLanguage, marks)
            : throw new SubjectErasedException();
    }

    public static string Purpose(Guid roundId) => $"objection:{roundId:N}";

    /// <summary>
    /// The seals that open the phone objections of these rounds: derived from the keys of the workshop's participants
    /// (erased participants have none, so their reasons read "[erased]"). Only the server computes the mapping; no answer
    /// or row says which participant a seal came from.
    /// </summary>
    public static async Task<IEnumerable<SubjectSeal>> SealsAsync(Marten.IQuerySession session, KeyRing ring, Guid workshopId,
        IReadOnlyCollection<Guid> roundIds, CancellationToken ct)
    {
        var participants = await session.Query<Participants.Participant>().Where(p => p.WorkshopId == workshopId).Select(p => p.Id)
            .ToListAsync(ct);
        var keys = await SubjectKeys.LoadAsync(session, ring, participants, ct);
        return [.. keys.Values.SelectMany(seal => roundIds.Select(round => seal.Derive(Purpose(round))))];
    }
}
