using EPI.Collab.Api.Features.Voting;

namespace EPI.Collab.Tests.Features.Voting;

[Trait(Lane.Name, Lane.Unit)]
public class BallotRulesTests
{
    private static readonly Guid A = Guid.CreateVersion7(), B = Guid.CreateVersion7(), C = Guid.CreateVersion7();
    private static readonly RoundOption[] Options = [new(A, A, 1, "A"), new(B, B, 1, "B"), new(C, C, 1, "C")];

    private static BallotMark M(Guid option, int value, int? Second = null, string? Reason = null) => new(option, value, Second, Reason);

    private static bool Valid(VotingMethod method, params BallotMark[] marks) =>
        BallotRules.Check(new RoundRules(method, ResultsVisibility.Live, true, false, 5, 2), Options, marks).IsValid;

    [Fact] public void approval_marks_are_ones() => (Valid(VotingMethod.Approval, M(A, 1), M(B, 1)), Valid(VotingMethod.Approval, M(A, 2))).ShouldBe((true, false));
    [Fact] public void dots_respect_the_budget_and_the_maximum_per_option()
    {
        Valid(VotingMethod.Dot, M(A, 2), M(B, 2), M(C, 1)).ShouldBeTrue();
        Valid(VotingMethod.Dot, M(A, 3)).ShouldBeFalse();
        Valid(VotingMethod.Dot, M(A, 2), M(B, 2), M(C, 2)).ShouldBeFalse();
    }
    [Fact] public void ranks_are_consecutive_from_one() =>
        (Valid(VotingMethod.Ranked, M(B, 1), M(A, 2)), Valid(VotingMethod.Ranked, M(A, 1), M(B, 3)), Valid(VotingMethod.Ranked, M(A, 1), M(B, 1)))
        .ShouldBe((true, false, false));
    [Fact] public void scores_run_from_one_to_five() => (Valid(VotingMethod.Score, M(A, 5)), Valid(VotingMethod.Score, M(A, 6))).ShouldBe((true, false));
    [Fact] public void impact_and_feasibility_are_both_needed() =>
        (Valid(VotingMethod.ImpactFeasibility, M(A, 4, 2)), Valid(VotingMethod.ImpactFeasibility, M(A, 4))).ShouldBe((true, false));
    [Fact] public void an_objection_needs_a_reason() =>
        (Valid(VotingMethod.Consent, M(A, -1, Reason: "Out of scope")), Valid(VotingMethod.Consent, M(A, -1))).ShouldBe((true, false));
    [Fact] public void unknown_or_repeated_options_are_refused() =>
        (Valid(VotingMethod.Approval, M(Guid.CreateVersion7(), 1)), Valid(VotingMethod.Approval, M(A, 1), M(A, 1))).ShouldBe((false, false));

    [Fact]
    public void dot_voting_needs_a_budget_and_a_maximum()
    {
        BallotRules.CheckRules(new RoundRules(VotingMethod.Dot, ResultsVisibility.Live, true, false), 3).IsValid.ShouldBeFalse();
        BallotRules.CheckRules(new RoundRules(VotingMethod.Dot, ResultsVisibility.Live, true, false, 5, 2), 3).IsValid.ShouldBeTrue();
    }
}
