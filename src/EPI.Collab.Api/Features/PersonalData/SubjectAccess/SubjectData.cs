using EPI.Collab.Api.Features.Comments.GettingThread;
using EPI.Collab.Api.Features.Participants;
using EPI.Collab.Api.Features.PersonalData.Erasing;
using EPI.Collab.Api.Features.Proposals.GettingDetails;
using EPI.Collab.Api.Features.Voting;
using Marten;

namespace EPI.Collab.Api.Features.PersonalData.SubjectAccess;

/// <summary>A ballot the subject can still be linked to: its round is open, so the round's key still exists.</summary>
public sealed record LinkedBallot(Guid RoundId, Guid BallotId, IReadOnlyList<BallotMark> Marks, BallotChannel Channel);

/// <summary>
/// Everything this city holds about one subject (Art. 15 GDPR): participation, display name, every proposal version
/// and comment they wrote, their ballots in rounds still open. Ballots of closed secret rounds are not listed: their link
/// to the subject was destroyed with the round key. After erasure the texts read "[erased]".
/// </summary>
public sealed record SubjectData(
    Guid SubjectId,
    string CityId,
    DateTimeOffset ExportedAt,
    SubjectErasure? Erasure,
    Participant? Participation,
    PersonalText? DisplayName,
    IReadOnlyList<ProposalDetails> Proposals,
    IReadOnlyList<ThreadedComment> Comments,
    IReadOnlyList<LinkedBallot> Ballots)
{
    public static async Task<SubjectData> LoadAsync(IQuerySession session, RevealContext reveal, Guid subjectId, DateTimeOffset now,
        CancellationToken ct)
    {
        var participant = await session.LoadAsync<Participant>(subjectId, ct);
        var profile = await session.LoadAsync<ParticipantProfile>(subjectId, ct);
        var proposals = await session.Query<ProposalDetails>().Where(p => p.AuthorId == subjectId).OrderBy(p => p.SubmittedAt).ToListAsync(ct);
        var comments = await session.Query<ThreadedComment>().Where(c => c.AuthorId == subjectId).OrderBy(c => c.At).ToListAsync(ct);
        var ballots = participant is null ? [] : await LinkedBallotsAsync(session, participant, ct);
        var revealer = await reveal.ForAsync(null,
            [profile?.DisplayName, .. proposals.SelectMany(p => p.Versions.Select(v => v.Text)), .. comments.Select(c => c.Text)], ct);
        return new SubjectData(subjectId, session.TenantId, now, await session.LoadAsync<SubjectErasure>(SubjectErasure.StreamId(subjectId), ct),
            participant, revealer.Reveal(profile?.DisplayName),
            proposals.Select(p => p.Revealed(revealer)).ToList(), comments.Select(c => c.Revealed(revealer)).ToList(), ballots);
    }

    private static async Task<IReadOnlyList<LinkedBallot>> LinkedBallotsAsync(IQuerySession session, Participant participant, CancellationToken ct)
    {
        var roundIds = await session.Query<VotingRound>().Where(r => r.WorkshopId == participant.WorkshopId).Select(r => r.Id).ToListAsync(ct);
        var keys = await session.LoadManyAsync<RoundKey>(ct, roundIds);
        var ballots = await session.LoadManyAsync<Ballot>(ct, keys.Select(k => k.BallotId(participant.Id)));
        return ballots.Select(b => new LinkedBallot(b.RoundId, b.Id, b.Marks, b.Channel)).ToList();
    }
}
