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

    public sealed record CountedBallot(IReadOnlyList<BallotMark> Marks, StakeholderGroup Group, BallotChannel Channel);

    public static RoundResults Count(VotingRound round, IReadOnlyList<CountedBallot> ballots, IReadOnlyList<PaperTallyEntered> paper)
    {
        var options = Score(round, ballots, paper);
        var byGroup = Fold(ballots).Where(g => g.Ballots.Count >= MinGroupSize)
            .Select(g => new GroupResult(g.Group, g.Ballots.Count,
                Score(round, g.Ballots, []).Select(o => new GroupOptionScore(o.OptionId, o.Score)).ToList()))
            .ToList();
        var shown = byGroup.Sum(g => g.Ballots);
        var counts = new ChannelCounts(ballots.Count(b => b.Channel == BallotChannel.Phone),
            ballots.Count(b => b.Channel == BallotChannel.Assisted), paper.Sum(p => p.Ballots));
        return new RoundResults(round.Id, round.Rules.Method, AlgorithmVersion, round.Status, counts, options, byGroup,
            ballots.Count - shown, TieRule(round.Rules.Method));
    }

    public static string TieRule(VotingMethod method) => method == VotingMethod.Ranked
        ? "Borda: an option ranked r of n gets n − r points; ties go to more first places, then to the earlier listed option."
        : "Highest score first; ties go to the earlier listed option.";

    private static IEnumerable<(string Group, List<CountedBallot> Ballots)> Fold(IReadOnlyList<CountedBallot> ballots)
    {
        var groups = ballots.GroupBy(b => b.Group).ToList();
        var large = groups.Where(g => g.Key != StakeholderGroup.Other && g.Count() >= MinGroupSize).OrderBy(g => g.Key);
        foreach (var g in large) yield return (Name(g.Key), g.ToList());
        var rest = groups.Where(g => g.Key == StakeholderGroup.Other || g.Count() < MinGroupSize).SelectMany(g => g).ToList();
        if (rest.Count > 0) yield return (OtherGroup, rest);
    }

    private static string Name(StakeholderGroup group) =>
        System.Text.Json.JsonNamingPolicy.SnakeCaseUpper.ConvertName(group.ToString());

    private static List<OptionResult> Score(VotingRound round, IReadOnlyList<CountedBallot> ballots, IReadOnlyList<PaperTallyEntered> paper)
    {
        var n = round.Options.Count;
        var rows = round.Options.Select((option, index) =>
        {
            var marks = ballots.SelectMany(b => b.Marks.Where(m => m.OptionId == option.OptionId).Select(m => (b.Channel, Mark: m))).ToList();
            var onPaper = paper.SelectMany(p => p.Counts).Where(c => c.OptionId == option.OptionId).ToList();
            var counts = new ChannelCounts(marks.Count(m => m.Channel == BallotChannel.Phone),
                marks.Count(m => m.Channel == BallotChannel.Assisted), onPaper.Sum(c => c.Count));
            var result = new OptionResult(option.OptionId, option.ProposalId, option.ProposalVersion, option.Label, 0, 0, counts, 0);
            result = round.Rules.Method switch
            {
                VotingMethod.Approval or VotingMethod.Dot => Summed(result,
                    marks.Sum(m => m.Mark.Value) + onPaper.Sum(c => (decimal)c.Value * c.Count)),
                VotingMethod.Ranked => Summed(result, marks.Sum(m => n - m.Mark.Value)),
                VotingMethod.Score => result with { Total = marks.Sum(m => m.Mark.Value), Score = Mean(marks.Select(m => m.Mark.Value)) },
                VotingMethod.ImpactFeasibility => Plotted(result, marks.Select(m => m.Mark).ToList(), round.Rules.QuadrantThreshold),
                VotingMethod.Consent => Consented(result, marks.Select(m => m.Mark.Value).ToList(), onPaper),
                _ => result
            };
            var firstPlaces = round.Rules.Method == VotingMethod.Ranked ? marks.Count(m => m.Mark.Value == 1) : 0;
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

    private static decimal Mean(IEnumerable<int> values)
    {
        var list = values.ToList();
        return list.Count == 0 ? 0 : Math.Round((decimal)list.Sum() / list.Count, 4);
    }

    private static OptionResult Plotted(OptionResult r, List<BallotMark> marks, decimal threshold)
    {
        if (marks.Count == 0) return r;
        var impact = Mean(marks.Select(m => m.Value));
        var feasibility = Mean(marks.Select(m => m.Second ?? 0));
        var quadrant = (impact >= threshold, feasibility >= threshold) switch
        {
            (true, true) => "QUICK_WIN",
            (true, false) => "MAJOR_PROJECT",
            (false, true) => "FILL_IN",
            _ => "THANKLESS_TASK"
        };
        return r with { MeanImpact = impact, MeanFeasibility = feasibility, Quadrant = quadrant, Score = impact + feasibility };
    }

    private static OptionResult Consented(OptionResult r, List<int> values, List<PaperCount> paper)
    {
        int Count(int v) => values.Count(x => x == v) + paper.Where(p => p.Value == v).Sum(p => p.Count);
        var (agree, abstain, objections) = (Count(1), Count(0), Count(-1));
        return r with
        {
            Agree = agree, Abstain = abstain, Object = objections, ConsentReached = objections == 0 && agree > 0,
            Total = agree, Score = objections == 0 ? agree : -objections
        };
    }
}
