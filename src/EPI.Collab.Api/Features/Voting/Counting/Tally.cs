using EPI.Collab.Api.Features.Participants;

namespace EPI.Collab.Api.Features.Voting.Counting;

public sealed record ChannelCounts(int Phone, int Assisted, int Paper)
{
    public int Total => Phone + Assisted + Paper;
}

/// <param name="Score">The ranking metric: approvals, dots, Borda points, mean score, mean impact + mean feasibility, or agreements.</param>
/// <param name="Marks">How many ballots marked the option, per channel.</param>
public sealed record OptionResult(
    Guid OptionId, Guid ProposalId, int ProposalVersion, string Label, int Rank, decimal Score, ChannelCounts Marks,
    decimal Total, decimal? MeanImpact = null, decimal? MeanFeasibility = null, string? Quadrant = null,
    int? Agree = null, int? Abstain = null, int? Object = null, bool? ConsentReached = null);

/// <summary>Results among one stakeholder group; <see cref="Group"/> is null for the folded remainder ("other").</summary>
public sealed record GroupResult(string Group, int Ballots, IReadOnlyList<GroupOptionScore> Options);

public sealed record GroupOptionScore(Guid OptionId, decimal Score);

public sealed record RoundResults(
    Guid RoundId, VotingMethod Method, string AlgorithmVersion, RoundStatus Status, ChannelCounts Ballots,
    IReadOnlyList<OptionResult> Options, IReadOnlyList<GroupResult> ByGroup, int SuppressedBallots, string TieRule);

/// <summary>
/// Counting a round from its ballots and paper tallies (pure and deterministic). Ordering: by score, highest first;
/// ties: for ranked voting more first places first, then the order in which the facilitator listed the options.
/// Groups of fewer than <see cref="MinGroupSize"/> ballots are folded into OTHER; a remainder still that small is suppressed.
/// </summary>
public static class Tally
{
    public const string AlgorithmVersion = "tally-v1";
    public const int MinGroupSize = 5;
    public const string OtherGroup = "OTHER";

    public sealed record CountedBallot(IReadOnlyList<BallotMark> Marks, StakeholderGroup Group, BallotChannel Channel)
    {
        public static CountedBallot Of(Ballot ballot) => new(ballot.Marks, ballot.Group, ballot.Channel);
    }

    public static RoundResults Count(VotingRound round, IReadOnlyList<CountedBallot> ballots, IReadOnlyList<PaperTallyEntered> paper) =>
        Count(round, TallySums.Of(ballots), paper);

    /// <summary>The same count from the ballots' sums (<see cref="TallySums"/>): what tally-v1 computes is sums, counts and means.</summary>
    public static RoundResults Count(VotingRound round, TallySums ballots, IReadOnlyList<PaperTallyEntered> paper)
    {
        var options = Score(round, ballots, _ => true, paper);
        var byGroup = Fold(ballots).Where(g => g.Ballots >= MinGroupSize)
            .Select(g => new GroupResult(g.Group, (int)g.Ballots,
                Score(round, ballots, g.Members.Contains, []).Select(o => new GroupOptionScore(o.OptionId, o.Score)).ToList()))
            .ToList();
        var shown = byGroup.Sum(g => g.Ballots);
        var counts = new ChannelCounts((int)ballots.BallotsOver(BallotChannel.Phone), (int)ballots.BallotsOver(BallotChannel.Assisted),
            paper.Sum(p => p.Ballots));
        return new RoundResults(round.Id, round.Rules.Method, AlgorithmVersion, round.Status, counts, options, byGroup,
            (int)ballots.Ballots - shown, TieRule(round.Rules.Method));
    }

    public static string TieRule(VotingMethod method) => method == VotingMethod.Ranked
        ? "Borda: an option ranked r of n gets n − r points; ties go to more first places, then to the earlier listed option."
        : "Highest score first; ties go to the earlier listed option.";

    private static IEnumerable<(string Group, HashSet<StakeholderGroup> Members, long Ballots)> Fold(TallySums ballots)
    {
        var groups = ballots.BallotsPerGroup().ToList();
        var large = groups.Where(g => g.Group != StakeholderGroup.Other && g.Ballots >= MinGroupSize);
        foreach (var g in large) yield return (Name(g.Group), [g.Group], g.Ballots);
        var rest = groups.Where(g => g.Group == StakeholderGroup.Other || g.Ballots < MinGroupSize).ToList();
        if (rest.Sum(g => g.Ballots) > 0) yield return (OtherGroup, [.. rest.Select(g => g.Group)], rest.Sum(g => g.Ballots));
    }

    private static string Name(StakeholderGroup group) =>
        System.Text.Json.JsonNamingPolicy.SnakeCaseUpper.ConvertName(group.ToString());

    private static List<OptionResult> Score(VotingRound round, TallySums ballots, Func<StakeholderGroup, bool> inScope,
        IReadOnlyList<PaperTallyEntered> paper)
    {
        var n = round.Options.Count;
        var rows = round.Options.Select((option, index) =>
        {
            var marks = ballots.Option(option.OptionId, inScope);
            var onPaper = paper.SelectMany(p => p.Counts).Where(c => c.OptionId == option.OptionId).ToList();
            var counts = new ChannelCounts((int)marks.Phone, (int)marks.Assisted, onPaper.Sum(c => c.Count));
            var result = new OptionResult(option.OptionId, option.ProposalId, option.ProposalVersion, option.Label, 0, 0, counts, 0);
            result = round.Rules.Method switch
            {
                VotingMethod.Approval or VotingMethod.Dot => Summed(result, marks.Values + onPaper.Sum(c => (decimal)c.Value * c.Count)),
                VotingMethod.Ranked => Summed(result, n * marks.Marks - marks.Values),
                VotingMethod.Score => result with { Total = marks.Values, Score = Mean(marks.Values, marks.Marks) },
                VotingMethod.ImpactFeasibility => Plotted(result, marks.Marks, marks.Values, marks.Seconds, round.Rules.QuadrantThreshold),
                VotingMethod.Consent => Consented(result, (marks.Ones, marks.Zeros, marks.MinusOnes), onPaper),
                _ => result
            };
            var firstPlaces = round.Rules.Method == VotingMethod.Ranked ? marks.Ones : 0;
            return (Result: result, FirstPlaces: firstPlaces, Index: index);
        }).ToList();

        return rows
            .OrderByDescending(r => r.Result.Score)
            .ThenByDescending(r => r.FirstPlaces)
            .ThenBy(r => r.Index)
            .Select((r, rank) => r.Result with { Rank = rank + 1 })
            .ToList();
    }

    private static OptionResult Summed(OptionResult r, decimal total) => r with { Total = total, Score = total };

    private static decimal Mean(long sum, long count) => count == 0 ? 0 : Math.Round((decimal)sum / count, 4);

    private static OptionResult Plotted(OptionResult r, long marks, long impacts, long feasibilities, decimal threshold)
    {
        if (marks == 0) return r;
        var impact = Mean(impacts, marks);
        var feasibility = Mean(feasibilities, marks);
        var quadrant = (impact >= threshold, feasibility >= threshold) switch
        {
            (true, true) => "QUICK_WIN",
            (true, false) => "MAJOR_PROJECT",
            (false, true) => "FILL_IN",
            _ => "THANKLESS_TASK"
        };
        return r with { MeanImpact = impact, MeanFeasibility = feasibility, Quadrant = quadrant, Score = impact + feasibility };
    }

    private static OptionResult Consented(OptionResult r, (long Agree, long Abstain, long Object) marks, List<PaperCount> paper)
    {
        int Count(long marked, int v) => (int)marked + paper.Where(p => p.Value == v).Sum(p => p.Count);
        var (agree, abstain, objections) = (Count(marks.Agree, 1), Count(marks.Abstain, 0), Count(marks.Object, -1));
        return r with
        {
            Agree = agree, Abstain = abstain, Object = objections, ConsentReached = objections == 0 && agree > 0,
            Total = agree, Score = objections == 0 ? agree : -objections
        };
    }
}
