using EPI.Collab.Api.Features.Participants;
using Marten;

namespace EPI.Collab.Api.Features.Voting;

/// <summary>
/// What staff may see of single ballots. A secret round's ballots are shown to nobody one by one (only its aggregate
/// results, small groups suppressed); in other rounds a ballot's group is shown only when at least
/// <see cref="Counting.Tally.MinGroupSize"/> ballots of that group are in the round, as the results fold smaller groups.
/// </summary>
public sealed class BallotSecrecy(IReadOnlyDictionary<Guid, VotingRound> rounds, IReadOnlySet<(Guid Round, StakeholderGroup Group)> small)
{
    public const int MinGroupSize = Counting.Tally.MinGroupSize;

    /// <summary>A ballot of this round may be listed on its own (the round is known and not secret).</summary>
    public bool MayList(Guid roundId) => rounds.TryGetValue(roundId, out var round) && !round.Rules.Secret;

    /// <summary>The group of a ballot of this round may be shown next to it.</summary>
    public bool MayShowGroup(Guid roundId, StakeholderGroup group) => MayList(roundId) && !small.Contains((roundId, group));

    public static async Task<BallotSecrecy> LoadAsync(IQuerySession session, IReadOnlyCollection<Guid> roundIds, CancellationToken ct)
    {
        if (roundIds.Count == 0) return new(new Dictionary<Guid, VotingRound>(), new HashSet<(Guid, StakeholderGroup)>());
        var rounds = (await session.LoadManyAsync<VotingRound>(ct, roundIds)).ToDictionary(r => r.Id);
        var ids = roundIds.ToArray();
        var groups = await session.Query<Ballot>().Where(b => b.RoundId.IsOneOf(ids)).Select(b => new RoundGroup(b.RoundId, b.Group))
            .ToListAsync(ct);
        var small = groups.GroupBy(g => (g.RoundId, g.Group)).Where(g => g.Count() < MinGroupSize).Select(g => g.Key).ToHashSet();
        return new(rounds, small);
    }

    public static async Task<BallotSecrecy> LoadAllAsync(IQuerySession session, CancellationToken ct) =>
        await LoadAsync(session, await session.Query<VotingRound>().Select(r => r.Id).ToListAsync(ct), ct);

    private sealed record RoundGroup(Guid RoundId, StakeholderGroup Group);
}
