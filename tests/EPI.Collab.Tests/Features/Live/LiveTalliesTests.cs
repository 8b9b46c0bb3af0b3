using EPI.Collab.Api.Features.Participants;
using EPI.Collab.Api.Features.Voting;
using JasperFx.Events;
using EPI.Collab.Api.Features.Live;
using EPI.Collab.Api.Features.Voting.Counting;
using EPI.Collab.Tests.Features.Audit;

namespace EPI.Collab.Tests.Features.Live;

/// <summary>The relay's running count: seeded from ballot documents, moved forward only by newer ballot events.</summary>
[Trait(Lane.Name, Lane.Unit)]
public class LiveTalliesTests
{
    private static readonly Guid RoundId = Guid.CreateVersion7(), WorkshopId = Guid.CreateVersion7(), Option = Guid.CreateVersion7();

    private static IEvent At(long version, object data) => new Event<object>(data) { Version = version };

    private static BallotCast Cast(Guid ballotId, int value) =>
        new(ballotId, RoundId, WorkshopId, [new(Option, value)], StakeholderGroup.Resident, BallotChannel.Phone, null, null, DateTimeOffset.UtcNow);

    private static BallotChanged Change(Guid ballotId, int value) => new(ballotId, RoundId, WorkshopId, [new(Option, value)], DateTimeOffset.UtcNow);

    private static Ballot Stored(Guid ballotId, int value, int version) =>
        new(ballotId, RoundId, WorkshopId, [new(Option, value)], StakeholderGroup.Resident, BallotChannel.Phone, version);

    private static int[] Values(LiveTallies tallies) => [.. tallies.Ballots(RoundId).Select(b => b.Marks.Single().Value).Order()];

    [Fact]
    public void events_older_than_the_documents_read_change_nothing_and_newer_ones_move_ballots_forward()
    {
        var (first, second) = (Guid.CreateVersion7(), Guid.CreateVersion7());
        var tallies = new LiveTallies();
        tallies.Continue(0, 10);
        tallies.Seed(RoundId, [Stored(first, 3, version: 2)]); // read after the change that made it 3

        tallies.Apply(At(1, Cast(first, 1)));    // still on its way to the relay: older than what was read
        tallies.Apply(At(2, Change(first, 2)));  // same version as read: already in the document
        Values(tallies).ShouldBe([3]);

        tallies.Apply(At(3, Change(first, 4)));
        tallies.Apply(At(1, Cast(second, 5)));
        Values(tallies).ShouldBe([4, 5]);
    }

    [Fact]
    public void rounds_not_kept_are_left_to_a_later_read_of_their_documents()
    {
        var tallies = new LiveTallies();
        tallies.Continue(0, 10);
        tallies.Apply(At(1, Cast(Guid.CreateVersion7(), 1)));
        tallies.Knows(RoundId).ShouldBeFalse();
    }

    [Fact]
    public void a_change_of_a_ballot_never_seen_drops_the_round_so_it_is_read_again()
    {
        var tallies = new LiveTallies();
        tallies.Continue(0, 10);
        tallies.Seed(RoundId, []);
        tallies.Apply(At(2, Change(Guid.CreateVersion7(), 1)));
        tallies.Knows(RoundId).ShouldBeFalse();
    }

    [Fact]
    public void a_page_that_does_not_continue_the_last_one_forgets_every_round()
    {
        var tallies = new LiveTallies();
        tallies.Continue(0, 10);
        tallies.Seed(RoundId, [Stored(Guid.CreateVersion7(), 1, 1)]);
        tallies.Continue(10, 25);
        tallies.Knows(RoundId).ShouldBeTrue();

        tallies.Continue(10, 25); // the same page again (a retry after a failed commit), or a restart, a rewind, another node
        tallies.Knows(RoundId).ShouldBeFalse();
    }

    [Fact]
    public void the_running_sums_count_what_a_full_count_of_the_kept_ballots_counts_through_casts_stale_events_changes_and_voids()
    {
        var round = new VotingRound(RoundId, WorkshopId, [new(Option, Guid.CreateVersion7(), 1, "A")],
            new RoundRules(VotingMethod.Score, ResultsVisibility.Live, true, false), Tally.AlgorithmVersion, RoundStatus.Open);
        var ballots = Enumerable.Range(0, 8).Select(_ => Guid.CreateVersion7()).ToArray();
        var tallies = new LiveTallies();
        tallies.Continue(0, 10);
        tallies.Seed(RoundId, [Stored(ballots[0], 2, version: 2), Stored(ballots[1], 5, version: 1)]);
        string Full() => AuditScenarios.Canonical(Tally.Count(round, tallies.Ballots(RoundId), []));

        for (var i = 2; i < ballots.Length; i++) tallies.Apply(At(1, Cast(ballots[i], i % 5 + 1)));
        tallies.Apply(At(1, Cast(ballots[0], 4)));    // older than the document read: changes nothing
        tallies.Apply(At(2, Change(ballots[1], 1)));  // 5 → 1
        tallies.Apply(At(3, Change(ballots[1], 3)));  // 1 → 3
        tallies.Apply(At(3, Change(ballots[1], 5)));  // a repeated version: changes nothing
        tallies.Apply(At(2, new BallotVoided(ballots[2], RoundId, WorkshopId, RemovalReason.Disruptive, Guid.CreateVersion7(), "facilitator",
            DateTimeOffset.UtcNow)));

        Values(tallies).ShouldBe([1, 2, 2, 3, 3, 4, 5]);
        AuditScenarios.Canonical(tallies.Count(round)).ShouldBe(Full());
        tallies.Count(round).Options.Single().Total.ShouldBe(20m);
        tallies.Count(round).Ballots.Phone.ShouldBe(7);
    }
}
