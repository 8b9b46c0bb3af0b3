using EPI.Collab.Api.Features.Participants;
using EPI.Collab.Api.Features.Voting;
using EPI.Collab.Api.Features.Voting.Counting;
using static EPI.Collab.Api.Features.Voting.Counting.Tally;

namespace EPI.Collab.Tests.Features.Voting;

[Trait(Lane.Name, Lane.Unit)]
public class TallyTests
{
    private static readonly Guid A = Guid.CreateVersion7(), B = Guid.CreateVersion7(), C = Guid.CreateVersion7();

    private static VotingRound Round(VotingMethod method, int? budget = null, int? max = null) => new(Guid.CreateVersion7(),
        Guid.CreateVersion7(),
        [new(A, Guid.CreateVersion7(), 1, "A"), new(B, Guid.CreateVersion7(), 2, "B"), new(C, Guid.CreateVersion7(), 1, "C")],
        new RoundRules(method, ResultsVisibility.Live, true, false, budget, max), AlgorithmVersion, RoundStatus.Open);

    private static CountedBallot Phone(params BallotMark[] marks) => new(marks, StakeholderGroup.Resident, BallotChannel.Phone);

    private static CountedBallot In(StakeholderGroup group, params BallotMark[] marks) => new(marks, group, BallotChannel.Phone);

    private static BallotMark M(Guid option, int value, int? second = null, string? reason = null) => new(option, value, second, reason);

    private static PaperTallyEntered Paper(int ballots, params PaperCount[] counts) =>
        new(Guid.CreateVersion7(), Guid.CreateVersion7(), ballots, counts, Guid.CreateVersion7(), "facilitator", DateTimeOffset.UtcNow);

    [Fact]
    public void approval_counts_approvals_across_phone_assisted_and_paper()
    {
        var ballots = new[]
        {
            Phone(M(A, 1), M(B, 1)), Phone(M(B, 1)), new CountedBallot([M(B, 1), M(C, 1)], StakeholderGroup.Business, BallotChannel.Assisted)
        };

        var results = Count(Round(VotingMethod.Approval), ballots, [Paper(4, new(A, 1, 3), new(C, 1, 1))]);

        results.Options.Select(o => (o.OptionId, o.Score)).ShouldBe([(A, 4m), (B, 3m), (C, 2m)]);
        results.Ballots.ShouldBe(new ChannelCounts(2, 1, 4));
        results.Options.Single(o => o.OptionId == A).Marks.ShouldBe(new ChannelCounts(1, 0, 3));
    }

    [Fact]
    public void dot_voting_sums_dots_and_ties_go_to_the_earlier_option()
    {
        var ballots = new[] { Phone(M(A, 2), M(C, 3)), Phone(M(A, 1), M(B, 2)), Phone(M(B, 2), M(C, 1)) };

        var results = Count(Round(VotingMethod.Dot, 5, 3), ballots, []);

        // A 3, B 4, C 4: B and C tie, B was listed first.
        results.Options.Select(o => (o.OptionId, o.Score, o.Rank)).ShouldBe([(B, 4m, 1), (C, 4m, 2), (A, 3m, 3)]);
    }

    [Fact]
    public void ranked_uses_borda_points_and_breaks_ties_by_first_places()
    {
        // n = 3: rank 1 = 2 points, rank 2 = 1 point, rank 3 = 0.
        var ballots = new[]
        {
            Phone(M(A, 1), M(B, 2), M(C, 3)), // A2 B1 C0
            Phone(M(B, 1), M(C, 2), M(A, 3)), // B2 C1 A0
            Phone(M(C, 1), M(A, 2)),          // C2 A1 (B unranked: 0)
            Phone(M(A, 1), M(C, 2))           // A2 C1
        };

        var results = Count(Round(VotingMethod.Ranked), ballots, []);

        // A 5, C 4, B 3.
        results.Options.Select(o => (o.OptionId, o.Score)).ShouldBe([(A, 5m), (C, 4m), (B, 3m)]);
        results.TieRule.ShouldContain("first places");
    }

    [Fact]
    public void ranked_ties_on_points_go_to_more_first_places()
    {
        var ballots = new[] { Phone(M(A, 1), M(B, 2), M(C, 3)), Phone(M(C, 1), M(B, 2), M(A, 3)), Phone(M(B, 1), M(C, 2), M(A, 3)) };

        // A 2, B 4, C 3? A: 2+0+0 = 2; B: 1+1+2 = 4; C: 0+2+1 = 3.
        Count(Round(VotingMethod.Ranked), ballots, []).Options.Select(o => o.OptionId).ShouldBe([B, C, A]);

        var tied = new[] { Phone(M(C, 1), M(A, 2), M(B, 3)), Phone(M(A, 1), M(B, 2), M(C, 3)), Phone(M(C, 1), M(B, 2), M(A, 3)),
            Phone(M(A, 1), M(B, 2), M(C, 3)), Phone(M(B, 1), M(C, 2), M(A, 3)) };
        // A: 1+2+0+2+0 = 5 (2 firsts); C: 2+0+2+0+1 = 5 (2 firsts); B: 0+1+1+1+2 = 5 (1 first) → A, C by order, then B.
        Count(Round(VotingMethod.Ranked), tied, []).Options.Select(o => o.OptionId).ShouldBe([A, C, B]);
    }

    [Fact]
    public void score_is_the_mean_of_the_scores_given()
    {
        var ballots = new[] { Phone(M(A, 5), M(B, 2)), Phone(M(A, 4)), Phone(M(A, 3), M(B, 5), M(C, 1)) };

        var results = Count(Round(VotingMethod.Score), ballots, []);

        results.Options.Select(o => (o.OptionId, o.Score)).ShouldBe([(A, 4m), (B, 3.5m), (C, 1m)]);
    }

    [Fact]
    public void impact_feasibility_plots_quadrants_at_the_threshold()
    {
        var ballots = new[] { Phone(M(A, 5, 4), M(B, 4, 1), M(C, 1, 5)), Phone(M(A, 3, 2), M(B, 4, 2), M(C, 2, 4)) };

        var results = Count(Round(VotingMethod.ImpactFeasibility), ballots, []);

        var a = results.Options.Single(o => o.OptionId == A);
        (a.MeanImpact, a.MeanFeasibility, a.Quadrant).ShouldBe((4m, 3m, "QUICK_WIN"));
        results.Options.Single(o => o.OptionId == B).Quadrant.ShouldBe("MAJOR_PROJECT"); // 4, 1.5
        results.Options.Single(o => o.OptionId == C).Quadrant.ShouldBe("FILL_IN");       // 1.5, 4.5
    }

    [Fact]
    public void consent_is_reached_only_without_objections()
    {
        var ballots = new[] { Phone(M(A, 1), M(B, 1)), Phone(M(A, 0), M(B, -1, reason: "Not our competence")), Phone(M(A, 1), M(B, 1)) };

        var results = Count(Round(VotingMethod.Consent), ballots, [Paper(2, new(A, 1, 2), new(B, 1, 1), new(B, -1, 1))]);

        var a = results.Options.Single(o => o.OptionId == A);
        (a.Agree, a.Abstain, a.Object, a.ConsentReached).ShouldBe((4, 1, 0, true));
        var b = results.Options.Single(o => o.OptionId == B);
        (b.Agree, b.Object, b.ConsentReached).ShouldBe((3, 2, false));
        results.Options[0].OptionId.ShouldBe(A);
    }

    [Fact]
    public void groups_smaller_than_five_are_folded_into_other_and_a_small_remainder_is_suppressed()
    {
        var ballots = Enumerable.Repeat(In(StakeholderGroup.Resident, M(A, 1)), 6)
            .Concat(Enumerable.Repeat(In(StakeholderGroup.Business, M(B, 1)), 3))
            .Concat(Enumerable.Repeat(In(StakeholderGroup.Academia, M(C, 1)), 2))
            .Concat(Enumerable.Repeat(In(StakeholderGroup.LocalAuthority, M(C, 1)), 2))
            .ToList();

        var results = Count(Round(VotingMethod.Approval), ballots, []);

        results.ByGroup.Select(g => (g.Group, g.Ballots)).ShouldBe([("RESIDENT", 6), (OtherGroup, 7)]);
        results.SuppressedBallots.ShouldBe(0);

        var small = Count(Round(VotingMethod.Approval), ballots.Take(6 + 3).ToList(), []);
        small.ByGroup.Select(g => g.Group).ShouldBe(["RESIDENT"]);
        small.SuppressedBallots.ShouldBe(3);
    }

    [Fact]
    public void counting_is_deterministic_whatever_the_ballot_order()
    {
        var ballots = Enumerable.Range(0, 40).Select(i => Phone(M(A, 1 + i % 3), M(B, 1 + (i + 1) % 3), M(C, 1 + (i + 2) % 3))).ToList();
        var round = Round(VotingMethod.Ranked);

        var forward = Count(round, ballots, []);
        var backward = Count(round, ballots.AsEnumerable().Reverse().ToList(), []);

        backward.ShouldBeEquivalentTo(forward);
    }
}
