using CsCheck;
using EPI.Collab.Api.Features.Participants;
using EPI.Collab.Api.Features.Voting;
using EPI.Collab.Api.Features.Voting.Counting;
using EPI.Collab.Tests.Features.Audit;
using static EPI.Collab.Api.Features.Voting.Counting.Tally;

namespace EPI.Collab.Tests.Features.Voting;

/// <summary>
/// Counting from running sums (<see cref="TallySums"/>) answers what tally-v1 counted ballot by ballot before the sums
/// existed (<see cref="ReferenceTallyV1"/>, the previous implementation kept as the reference), for random rounds of every
/// method, random groups, channels, marks and paper tallies; and sums moved ballot by ballot (casts, changes, voids) or
/// stored and read back equal the sums of the ballots that remain.
/// </summary>
[Trait(Lane.Name, Lane.Unit)]
public class TallySumsTests
{
    private static readonly VotingMethod[] Methods = Enum.GetValues<VotingMethod>();
    private static readonly StakeholderGroup[] Groups = Enum.GetValues<StakeholderGroup>();

    private static VotingRound RandomRound(Random rng)
    {
        var options = Enumerable.Range(0, rng.Next(1, 6)).Select(i => new RoundOption(Guid.CreateVersion7(), Guid.CreateVersion7(), 1, $"O{i}")).ToList();
        var method = Methods[rng.Next(Methods.Length)];
        return new VotingRound(Guid.CreateVersion7(), Guid.CreateVersion7(), options,
            new RoundRules(method, ResultsVisibility.Live, true, false, QuadrantThreshold: rng.Next(1, 6)), AlgorithmVersion, RoundStatus.Open);
    }

    private static int Value(Random rng, VotingMethod method, int options) => method switch
    {
        VotingMethod.Approval => 1,
        VotingMethod.Dot => rng.Next(1, 4),
        VotingMethod.Ranked => rng.Next(1, options + 1),
        VotingMethod.Consent => rng.Next(-1, 2),
        _ => rng.Next(1, 6)
    };

    private static CountedBallot RandomBallot(Random rng, VotingRound round)
    {
        // Few groups, so that some reach five ballots and some are folded into OTHER or suppressed.
        var group = Groups[rng.Next(3) switch { 0 => 0, 1 => 7, _ => rng.Next(Groups.Length) }];
        var marks = round.Options.Where(_ => rng.Next(3) > 0).Select(o => new BallotMark(o.OptionId,
            Value(rng, round.Rules.Method, round.Options.Count), round.Rules.Method == VotingMethod.ImpactFeasibility ? rng.Next(1, 6) : null)).ToList();
        return new CountedBallot(marks, group, rng.Next(4) == 0 ? BallotChannel.Assisted : BallotChannel.Phone);
    }

    private static List<PaperTallyEntered> RandomPaper(Random rng, VotingRound round) =>
        [.. Enumerable.Range(0, rng.Next(3)).Select(_ => new PaperTallyEntered(round.Id, round.WorkshopId, rng.Next(1, 30),
            [.. round.Options.Where(_ => rng.Next(2) == 0).Select(o => new PaperCount(o.OptionId, Value(rng, round.Rules.Method, round.Options.Count), rng.Next(0, 20)))],
            Guid.CreateVersion7(), "facilitator", DateTimeOffset.UtcNow))];

    [Fact]
    public void counting_from_sums_answers_what_counting_ballot_by_ballot_answers()
    {
        Gen.Int.Sample(seed =>
        {
            var rng = new Random(seed);
            var round = RandomRound(rng);
            var ballots = Enumerable.Range(0, rng.Next(0, 40)).Select(_ => RandomBallot(rng, round)).ToList();
            var paper = RandomPaper(rng, round);
            AuditScenarios.Canonical(Count(round, ballots, paper)).ShouldBe(AuditScenarios.Canonical(ReferenceTallyV1.Count(round, ballots, paper)));
        }, iter: 2_000);
    }

    [Fact]
    public void sums_moved_by_casts_changes_and_voids_and_stored_and_read_back_equal_the_sums_of_the_remaining_ballots()
    {
        Gen.Int.Sample(seed =>
        {
            var rng = new Random(seed);
            var round = RandomRound(rng);
            var ballots = new Dictionary<int, CountedBallot>();
            var running = new TallySums();
            for (var step = rng.Next(1, 60); step > 0; step--)
            {
                var id = rng.Next(20);
                if (ballots.TryGetValue(id, out var known)) running.Remove(known);
                if (known is not null && rng.Next(4) == 0) ballots.Remove(id); // voided
                else running.Add(ballots[id] = known is null ? RandomBallot(rng, round) : known with { Marks = RandomBallot(rng, round).Marks });
            }
            var expected = AuditScenarios.Canonical(ReferenceTallyV1.Count(round, [.. ballots.Values], []));
            AuditScenarios.Canonical(Count(round, running, [])).ShouldBe(expected);
            var stored = System.Text.Json.JsonSerializer.Deserialize<StoredSums>(AuditScenarios.Canonical(running.Stored()), Json.Options)!;
            AuditScenarios.Canonical(Count(round, TallySums.From(stored), [])).ShouldBe(expected);
            stored.ShouldBe(TallySums.Of(ballots.Values).Stored(), new StoredSumsComparer());
        }, iter: 2_000);
    }

    private sealed class StoredSumsComparer : IEqualityComparer<StoredSums>
    {
        public bool Equals(StoredSums? x, StoredSums? y) => AuditScenarios.Canonical(x) == AuditScenarios.Canonical(y);
        public int GetHashCode(StoredSums obj) => 0;
    }
}

/// <summary>tally-v1 as it was counted ballot by ballot before <see cref="TallySums"/> (kept unchanged, as the reference).</summary>
internal static class ReferenceTallyV1
{
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
