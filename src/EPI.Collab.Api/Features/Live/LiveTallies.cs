using EPI.Collab.Api.Features.Voting;
using EPI.Collab.Api.Features.Voting.Counting;
using EPI.Collab.Api.Features.Voting.GettingResults;
using JasperFx.Events;
using Marten;

namespace EPI.Collab.Api.Features.Live;

/// <summary>
/// The relay's running count of live rounds: the current marks of every ballot of a round, read once from the
/// round's <see cref="Ballot"/> documents and from then on kept current from the ballot events the relay reads anyway.
/// A live tally is then a count from running sums in memory (<see cref="TallySums"/>, moved by each ballot event: a change
/// removes the ballot's old marks and adds its new ones), not a read nor a recount of every ballot of the round, so its
/// cost no longer grows with the round while ballots keep arriving. The final tally at the close is a full count.
/// </summary>
/// <remarks>
/// Each ballot carries the stream version it was read at and an event only moves a ballot forward, so reading the
/// documents while later events are still on their way to the relay converges on the same state. Pages must follow one
/// another (a page starts where the previous one ended); any other page (a restart, a retried page, a rewind, another
/// node relaying in between) drops everything and the next tally reads the documents again.
/// </remarks>
public sealed class LiveTallies
{
    /// <summary>Rounds kept at most; beyond it everything is dropped and read again when next counted.</summary>
    public const int MaxRounds = 500;

    private readonly Dictionary<Guid, Kept> _rounds = [];
    private long _lastCeiling = -1;

    private readonly record struct Counted(long Version, Tally.CountedBallot Ballot);

    /// <summary>A kept round: each ballot's current marks (to know what a change replaces) and their running sums.</summary>
    private sealed record Kept(Dictionary<Guid, Counted> Ballots, TallySums Sums);

    public bool Knows(Guid roundId) => _rounds.ContainsKey(roundId);

    /// <summary>
    /// Called with every page before its events; forgets everything when the page does not continue the last, and
    /// says so (false).
    /// </summary>
    public bool Continue(long floor, long ceiling)
    {
        var continues = floor == _lastCeiling;
        if (!continues) _rounds.Clear();
        _lastCeiling = ceiling;
        return continues;
    }

    /// <summary>Moves a known round's ballot forward by one of its events (older or repeated events change nothing).</summary>
    public void Apply(IEvent e)
    {
        switch (e.Data)
        {
            case BallotCast cast when _rounds.TryGetValue(cast.RoundId, out var kept):
                Put(kept, cast.BallotId, e.Version, new Tally.CountedBallot(cast.Marks, cast.Group, cast.Channel));
                break;
            case BallotChanged changed when _rounds.TryGetValue(changed.RoundId, out var kept):
                if (kept.Ballots.TryGetValue(changed.BallotId, out var known))
                    Put(kept, changed.BallotId, e.Version, known.Ballot with { Marks = changed.Marks });
                else _rounds.Remove(changed.RoundId); // a change of a ballot never seen: read the round again
                break;
            case BallotVoided voided when _rounds.TryGetValue(voided.RoundId, out var kept):
                if (kept.Ballots.Remove(voided.BallotId, out var gone)) kept.Sums.Remove(gone.Ballot);
                break;
        }
    }

    private static void Put(Kept kept, Guid ballotId, long version, Tally.CountedBallot ballot)
    {
        if (kept.Ballots.TryGetValue(ballotId, out var known))
        {
            if (known.Version >= version) return;
            kept.Sums.Remove(known.Ballot);
        }
        kept.Ballots[ballotId] = new Counted(version, ballot);
        kept.Sums.Add(ballot);
    }

    /// <summary>The round's live results: from memory, after reading its ballot documents the first time.</summary>
    public async Task<RoundResults> CountAsync(IQuerySession session, VotingRound round, CancellationToken ct)
    {
        if (!_rounds.ContainsKey(round.Id))
            Seed(round.Id, await session.Query<Ballot>().Where(b => b.RoundId == round.Id && !b.Voided).ToListAsync(ct));
        return Count(round);
    }

    /// <summary>A kept round's live results, from its running sums.</summary>
    public RoundResults Count(VotingRound round) => Tally.Count(round, _rounds[round.Id].Sums, round.Paper ?? []);

    /// <summary>Keeps a round from its stored ballot documents (each at the stream version it was read at).</summary>
    public void Seed(Guid roundId, IEnumerable<Ballot> stored)
    {
        if (_rounds.Count >= MaxRounds) _rounds.Clear();
        var ballots = stored.ToDictionary(b => b.Id, b => new Counted(b.Version, Tally.CountedBallot.Of(b)));
        _rounds[roundId] = new Kept(ballots, TallySums.Of(ballots.Values.Select(b => b.Ballot)));
    }

    /// <summary>The current ballots of a kept round (empty when the round is not kept).</summary>
    public IReadOnlyList<Tally.CountedBallot> Ballots(Guid roundId) =>
        _rounds.TryGetValue(roundId, out var kept) ? [.. kept.Ballots.Values.Select(b => b.Ballot)] : [];

    /// <summary>The final results of a closed round: a full count of its stored ballots; the round is no longer kept.</summary>
    public async Task<RoundResults> CountClosedAsync(IQuerySession session, VotingRound round, CancellationToken ct)
    {
        _rounds.Remove(round.Id);
        return await GetRoundResultsEndpoint.CountAsync(session, round, ct);
    }
}
