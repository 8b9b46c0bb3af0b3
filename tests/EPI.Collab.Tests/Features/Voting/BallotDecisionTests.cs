using EPI.Collab.Api.Features.Participants;
using EPI.Collab.Api.Features.Voting;
using EPI.Collab.Api.Features.Voting.Casting;

namespace EPI.Collab.Tests.Features.Voting;

/// <summary>
/// The decision inside the ballot's commit (issue #15 item 2): the endpoint checked the ballot against this node's cache,
/// so the commit decides again against the stored round and the stored voter.
/// </summary>
[Trait(Lane.Name, Lane.Unit)]
public sealed class BallotDecisionTests
{
    private static readonly Guid Workshop = Guid.CreateVersion7(), RoundId = Guid.CreateVersion7(), A = Guid.CreateVersion7(),
        B = Guid.CreateVersion7(), VoterId = Guid.CreateVersion7();
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-12-05T10:00:00Z");

    private static VotingRound Round(RoundStatus status = RoundStatus.Open) =>
        new(RoundId, Workshop, [new RoundOption(A, Guid.Empty, 1, "A"), new RoundOption(B, Guid.Empty, 2, "B")],
            new RoundRules(VotingMethod.Approval, ResultsVisibility.Live, true, true), "tally-v1", status);

    private static Participant Voter(ParticipantStanding standing) => new(VoterId, Workshop, StakeholderGroup.Resident, "en", Now, standing);

    private static BallotRequest Phone(params BallotMark[] marks) => new("cluj-napoca", RoundId, Workshop, Guid.CreateVersion7(), marks,
        StakeholderGroup.Resident, BallotChannel.Phone, VoterId, null, null);

    private static BallotRequest Assisted(params BallotMark[] marks) => Phone(marks) with { ParticipantId = null, Channel = BallotChannel.Assisted, AssistedByRole = "FACILITATOR" };

    [Fact]
    public void an_admitted_voter_in_an_open_round_casts() =>
        BallotDecision.Decide(Round(), Voter(ParticipantStanding.Admitted), null, Phone(new BallotMark(A, 1)), Now)
            .Event.ShouldBeOfType<BallotCast>().Group.ShouldBe(StakeholderGroup.Resident);

    [Theory]
    [InlineData(ParticipantStanding.Removed)]
    [InlineData(ParticipantStanding.Refused)]
    [InlineData(ParticipantStanding.Pending)]
    public void a_voter_no_longer_admitted_when_the_ballot_commits_is_refused(ParticipantStanding standing) =>
        BallotDecision.Decide(Round(), Voter(standing), null, Phone(new BallotMark(A, 1)), Now)
            .ShouldBe((null, BallotRefusal.VoterNotInTheRoom));

    [Fact]
    public void a_phone_ballot_whose_voter_is_not_stored_is_refused() =>
        BallotDecision.Decide(Round(), null, null, Phone(new BallotMark(A, 1)), Now).Refusal.ShouldBe(BallotRefusal.VoterNotInTheRoom);

    [Fact]
    public void an_assisted_ballot_has_no_voter_to_check() =>
        BallotDecision.Decide(Round(), null, null, Assisted(new BallotMark(A, 1)), Now).Event.ShouldBeOfType<BallotCast>()
            .Channel.ShouldBe(BallotChannel.Assisted);

    [Fact]
    public void a_round_closed_since_the_cache_saw_it_refuses_the_ballot() =>
        BallotDecision.Decide(Round(RoundStatus.Closed), Voter(ParticipantStanding.Admitted), null, Phone(new BallotMark(A, 1)), Now)
            .Refusal.ShouldBe(BallotRefusal.RoundClosed);

    [Fact]
    public void marks_that_the_current_rules_refuse_are_refused_as_rules_changed() =>
        BallotDecision.Decide(Round(), Voter(ParticipantStanding.Admitted), null, Phone(new BallotMark(A, 1), new BallotMark(A, 1)), Now)
            .Refusal.ShouldBe(BallotRefusal.RulesChanged);

    [Fact]
    public void a_missing_round_is_refused_before_anything_else() =>
        BallotDecision.Decide(null, null, null, Phone(new BallotMark(A, 1)), Now).Refusal.ShouldBe(BallotRefusal.RoundNotFound);
}
