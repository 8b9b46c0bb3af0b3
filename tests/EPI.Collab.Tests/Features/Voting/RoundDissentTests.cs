using EPI.Collab.Api.Features.Participants;
using EPI.Collab.Api.Features.PersonalData;
using EPI.Collab.Api.Features.Voting;
using EPI.Collab.Api.Features.Voting.Casting;

namespace EPI.Collab.Tests.Features.Voting;

/// <summary>The pure dissent decision: raised with a sealed reason, replaced on a change, withdrawn when no longer objecting.</summary>
[Trait(Lane.Name, Lane.Unit)]
public sealed class RoundDissentTests
{
    private static readonly Guid Round = Guid.CreateVersion7(), Ballot = Guid.CreateVersion7(), A = Guid.CreateVersion7(), B = Guid.CreateVersion7();
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-12-05T10:00:00Z");
    private static readonly PersonalText Sealed = new(Guid.CreateVersion7(), "en", "v1:xyz");

    private static BallotRequest Request(params BallotMark[] marks) => new("cluj", Round, Guid.Empty, Ballot, marks, StakeholderGroup.Resident,
        BallotChannel.Phone, null, null, null, null, marks.Where(m => m.Value == -1).ToDictionary(m => m.OptionId, _ => Sealed));

    [Fact]
    public void a_first_objection_is_raised_with_its_sealed_reason_and_no_ballot_id()
    {
        var events = RoundDissent.Decide(null, Request(new BallotMark(A, -1, Reason: "why"), new BallotMark(B, 1)), Now);

        var raised = events.ShouldHaveSingleItem().ShouldBeOfType<ObjectionRaised>();
        raised.ShouldSatisfyAllConditions(r => r.OptionId.ShouldBe(A), r => r.Reason.ShouldBe(Sealed), r => r.ObjectionId.ShouldNotBe(Ballot),
            r => r.ObjectionId.ShouldBe(RoundDissent.ObjectionId(Ballot, A)));
    }

    [Fact]
    public void a_changed_ballot_withdraws_the_objections_it_no_longer_makes()
    {
        var existing = new Ballot(Ballot, Round, Guid.Empty, [new BallotMark(A, -1), new BallotMark(B, 1)], StakeholderGroup.Resident, BallotChannel.Phone);

        var events = RoundDissent.Decide(existing, Request(new BallotMark(A, 1), new BallotMark(B, -1, Reason: "now this")), Now);

        events.Select(e => e.GetType()).ShouldBe([typeof(ObjectionRaised), typeof(ObjectionWithdrawn)]);
        ((ObjectionWithdrawn)events[1]).ObjectionId.ShouldBe(RoundDissent.ObjectionId(Ballot, A));
        var dissent = RoundDissent.Create(new ObjectionRaised(RoundDissent.ObjectionId(Ballot, A), Round, Guid.Empty, A, Sealed, Now))
            .Apply((ObjectionRaised)events[0]).Apply((ObjectionWithdrawn)events[1]);
        dissent.Objections.ShouldHaveSingleItem().OptionId.ShouldBe(B);
    }

    [Fact]
    public void the_ballot_keeps_no_reason() =>
        BallotDecision.Decide(new VotingRound(Round, Guid.Empty, [new RoundOption(A, Guid.Empty, 1, "A")],
                new RoundRules(VotingMethod.Consent, ResultsVisibility.Live, true, true), "tally-v1", RoundStatus.Open),
            null, null, Request(new BallotMark(A, -1, Reason: "why")), Now).Event.ShouldBeOfType<BallotCast>().Marks.Single().Reason.ShouldBeNull();
}
