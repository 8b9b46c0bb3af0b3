using System.Net;
using System.Net.Http.Json;
using EPI.Collab.Api.Features.Participants;
using EPI.Collab.Api.Features.Voting;
using EPI.Collab.Api.Features.Voting.Casting;
using EPI.Collab.Api.Features.Voting.EnteringPaper;
using Marten;
using EPI.Collab.Tests.Features.Workshops;
using EPI.Collab.Api.Features.Live;

namespace EPI.Collab.Tests.Features.Voting;

public class VotingRoundTests(AppFixture app) : IntegrationTest(app)
{
    private static RoundRules Rules(VotingMethod method, ResultsVisibility visibility = ResultsVisibility.Live, bool changeable = true,
        bool secret = false) => new(method, visibility, changeable, secret, DotBudget: 5, MaxDotsPerOption: 3);

    private static BallotMark M(Guid option, int value, int? second = null, string? reason = null) => new(option, value, second, reason);

    [Fact]
    public async Task dot_voting_over_http_matches_the_hand_count()
    {
        var room = await VotingRoom.Open(App, Rules(VotingMethod.Dot));
        var (a, b, c) = (room.Option(0), room.Option(1), room.Option(2));

        await (await room.Phone()).VoteOk(M(a, 3), M(b, 2));
        await (await room.Phone()).VoteOk(M(b, 3), M(c, 1));
        await (await room.Phone()).VoteOk(M(c, 3), M(a, 1));

        var results = await room.ResultsOk();
        results.Options.Select(o => (o.OptionId, o.Score)).ShouldBe([(b, 5m), (a, 4m), (c, 4m)]);
        results.Ballots.Phone.ShouldBe(3);
    }

    [Theory]
    [InlineData(VotingMethod.Approval)]
    [InlineData(VotingMethod.Ranked)]
    [InlineData(VotingMethod.Score)]
    [InlineData(VotingMethod.ImpactFeasibility)]
    [InlineData(VotingMethod.Consent)]
    public async Task every_method_counts_over_http_as_by_hand(VotingMethod method)
    {
        var room = await VotingRoom.Open(App, Rules(method));
        var (a, b, c) = (room.Option(0), room.Option(1), room.Option(2));
        BallotMark[][] ballots = method switch
        {
            VotingMethod.Approval => [[M(a, 1), M(b, 1)], [M(b, 1)], [M(c, 1), M(b, 1)]],               // a1 b3 c1
            VotingMethod.Ranked => [[M(a, 1), M(b, 2), M(c, 3)], [M(c, 1), M(a, 2)], [M(a, 1), M(c, 2)]], // a 2+1+2=5, c 0+2+1=3, b 1
            VotingMethod.Score => [[M(a, 2), M(b, 5)], [M(a, 4), M(b, 4)], [M(c, 3)]],                  // b 4.5, c 3, a 3 → c after a? a 3 listed first
            VotingMethod.ImpactFeasibility => [[M(a, 5, 5), M(b, 1, 2)], [M(a, 3, 4), M(b, 2, 1)]],    // a 4/4.5 quick win, b 1.5/1.5
            _ => [[M(a, 1), M(b, -1, reason: "National competence")], [M(a, 1), M(b, 1)], [M(a, 0), M(c, 1)]]
        };
        foreach (var marks in ballots) await (await room.Phone()).VoteOk(marks);

        var results = await room.ResultsOk();
        var order = results.Options.Select(o => o.OptionId).ToList();
        switch (method)
        {
            case VotingMethod.Approval: order.ShouldBe([b, a, c]); results.Options[0].Score.ShouldBe(3m); break;
            case VotingMethod.Ranked: order.ShouldBe([a, c, b]); results.Options.Select(o => o.Score).ShouldBe([5m, 3m, 1m]); break;
            case VotingMethod.Score: order.ShouldBe([b, a, c]); results.Options[0].Score.ShouldBe(4.5m); break;
            case VotingMethod.ImpactFeasibility:
                results.Options[0].ShouldSatisfyAllConditions(o => o.OptionId.ShouldBe(a), o => o.Quadrant.ShouldBe("QUICK_WIN"),
                    o => o.MeanFeasibility.ShouldBe(4.5m));
                results.Options.Single(o => o.OptionId == b).Quadrant.ShouldBe("THANKLESS_TASK");
                break;
            default:
                var bResult = results.Options.Single(o => o.OptionId == b);
                (bResult.Object, bResult.ConsentReached).ShouldBe((1, false));
                results.Options[0].ShouldSatisfyAllConditions(o => o.OptionId.ShouldBe(a), o => o.Agree.ShouldBe(2), o => o.Abstain.ShouldBe(1));
                break;
        }
    }

    [Fact]
    public async Task a_vote_storm_becomes_a_few_tallies_and_the_last_one_counts_everything()
    {
        var room = await VotingRoom.Open(App, Rules(VotingMethod.Approval));
        var phones = await Task.WhenAll(Enumerable.Range(0, 40).Select(_ => room.Phone()));

        await Task.WhenAll(phones.Select(p => p.VoteOk(M(room.Option(0), 1))));
        var board = await room.Workshop.Board();

        var feed = await (await room.Workshop.Staff.GetAsync($"{room.Workshop.Url}/feed")).Read<List<EPI.Collab.Api.Features.Live.WorkshopMessage>>();
        var tallies = feed.Where(m => m.Type == "round.tallied").ToList();
        tallies.Count.ShouldBeInRange(1, 20);
        ((System.Text.Json.JsonElement)tallies[^1].Data).GetProperty("ballots").GetProperty("phone").GetInt32().ShouldBe(40);
        board.Rounds.Single().Results!.Ballots.Phone.ShouldBe(40);
    }

    [Fact]
    public async Task live_tallies_kept_by_the_relay_equal_a_full_recount_while_ballots_are_cast_and_changed()
    {
        var room = await VotingRoom.Open(App, Rules(VotingMethod.Dot));
        var (a, b, c) = (room.Option(0), room.Option(1), room.Option(2));
        var phones = await Task.WhenAll(Enumerable.Range(0, 24).Select(i => room.Phone(i % 2 == 0 ? StakeholderGroup.Resident : StakeholderGroup.GrassrootsNgo)));

        await Task.WhenAll(phones.Take(12).Select(p => p.VoteOk(M(a, 2), M(b, 3))));
        await room.Workshop.Board(); // the relay now keeps the round in memory
        await Task.WhenAll(phones.Skip(12).Select((p, i) => p.VoteOk(M(c, 1 + i % 3))));
        await Task.WhenAll(phones.Take(8).Select((p, i) => p.VoteOk(M(b, 1), M(c, 1 + i % 3))));   // changed ballots
        var board = await room.Workshop.Board();

        var live = board.Rounds.Single().Results!;
        var recount = await room.ResultsOk();
        live.Ballots.ShouldBe(recount.Ballots);
        live.Options.Select(o => (o.OptionId, o.Score, o.Marks)).ShouldBe(recount.Options.Select(o => (o.OptionId, o.Score, o.Marks)));
        live.ByGroup.Select(g => (g.Group, g.Ballots)).ShouldBe(recount.ByGroup.Select(g => (g.Group, g.Ballots)));
        recount.Options.Single(o => o.OptionId == b).Score.ShouldBe(4 * 3 + 8 * 1);
    }

    [Fact]
    public async Task hidden_results_appear_only_after_the_close()
    {
        var room = await VotingRoom.Open(App, Rules(VotingMethod.Approval, ResultsVisibility.HiddenUntilClose));
        var phone = await room.Phone();
        await phone.VoteOk(M(room.Option(1), 1));

        (await room.Results()).StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await room.Results(phone.Http)).StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await room.Close()).EnsureSuccessStatusCode();

        (await room.ResultsOk(phone.Http)).Options[0].OptionId.ShouldBe(room.Option(1));
    }

    [Fact]
    public async Task a_changed_ballot_replaces_the_earlier_one_and_keeps_its_history()
    {
        var room = await VotingRoom.Open(App, Rules(VotingMethod.Approval));
        var phone = await room.Phone();

        var first = await phone.VoteOk(M(room.Option(0), 1));
        var second = await phone.VoteOk(M(room.Option(2), 1));

        second.BallotId.ShouldBe(first.BallotId);
        second.Version.ShouldBe(2);
        var results = await room.ResultsOk();
        results.Ballots.Phone.ShouldBe(1);
        results.Options[0].OptionId.ShouldBe(room.Option(2));
        await using var session = App.Store.QuerySession(room.Workshop.CityId);
        (await session.Events.FetchStreamAsync(first.BallotId)).Select(e => e.EventType).ShouldBe([typeof(BallotCast), typeof(BallotChanged)]);
    }

    [Fact]
    public async Task a_round_without_changes_refuses_a_second_ballot()
    {
        var room = await VotingRoom.Open(App, Rules(VotingMethod.Approval, changeable: false));
        var phone = await room.Phone();
        await phone.VoteOk(M(room.Option(0), 1));

        var again = await phone.Vote(null, M(room.Option(1), 1));

        again.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await again.Content.ReadAsStringAsync()).ShouldContain("\"code\":\"already-voted\"");
        (await room.ResultsOk()).Options[0].OptionId.ShouldBe(room.Option(0));
    }

    [Fact]
    public async Task a_retry_with_the_same_idempotency_key_gets_the_same_answer_and_adds_nothing()
    {
        var room = await VotingRoom.Open(App, Rules(VotingMethod.Approval));
        var phone = await room.Phone();

        var first = await phone.Vote("key-1", M(room.Option(0), 1));
        var retry = await phone.Vote("key-1", M(room.Option(0), 1));

        (await retry.Content.ReadAsStringAsync()).ShouldBe(await first.Content.ReadAsStringAsync());
        retry.Headers.GetValues("Idempotent-Replayed").ShouldBe(["true"]);
        var accepted = await first.Read<BallotAccepted>();
        await using var session = App.Store.QuerySession(room.Workshop.CityId);
        (await session.Events.FetchStreamAsync(accepted.BallotId)).Count.ShouldBe(1);
    }

    [Fact]
    public async Task a_hundred_parallel_identical_submissions_store_one_ballot_and_all_get_the_same_answer()
    {
        var room = await VotingRoom.Open(App, Rules(VotingMethod.Approval) with { BallotsChangeable = false });
        var phone = await room.Phone();

        var answers = await Task.WhenAll(Enumerable.Range(0, 100).Select(_ => phone.Vote("same-key", M(room.Option(1), 1))));

        answers.ShouldAllBe(a => a.StatusCode == HttpStatusCode.OK);
        var bodies = await Task.WhenAll(answers.Select(a => a.Content.ReadAsStringAsync()));
        bodies.Distinct().ShouldHaveSingleItem();
        answers.Count(a => !a.Headers.Contains("Idempotent-Replayed")).ShouldBe(1);
        var accepted = await answers[0].Read<BallotAccepted>();
        await using var session = App.Store.QuerySession(room.Workshop.CityId);
        (await session.Events.FetchStreamAsync(accepted.BallotId)).Count.ShouldBe(1);
        (await room.ResultsOk()).Ballots.Phone.ShouldBe(1);
    }

    [Fact]
    public async Task fifty_parallel_submissions_from_one_participant_count_once()
    {
        var room = await VotingRoom.Open(App, Rules(VotingMethod.Approval));
        var phone = await room.Phone();

        var answers = await Task.WhenAll(Enumerable.Range(0, 50)
            .Select(i => phone.Vote($"key-{i}", M(room.Option(i % 3), 1))));

        answers.ShouldAllBe(a => a.StatusCode == HttpStatusCode.OK || a.StatusCode == HttpStatusCode.Conflict);
        var results = await room.ResultsOk();
        results.Ballots.Phone.ShouldBe(1);
        results.Options.Sum(o => o.Score).ShouldBe(1m);
    }

    [Fact]
    public async Task a_participant_of_another_workshop_cannot_vote_here()
    {
        var room = await VotingRoom.Open(App, Rules(VotingMethod.Approval));
        var other = await App.OpenRoundTable();
        var stranger = App.Client((await other.JoinPhone()).AccessToken);

        var response = await stranger.PostAsJsonAsync($"{room.RoundUrl}/ballot", new CastBallot([M(room.Option(0), 1)]), Json.Options);

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task invalid_marks_are_a_400_and_count_nothing()
    {
        var room = await VotingRoom.Open(App, Rules(VotingMethod.Dot));
        var phone = await room.Phone();

        var response = await phone.Vote(null, M(room.Option(0), 3), M(room.Option(1), 3));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await room.ResultsOk()).Ballots.Phone.ShouldBe(0);
    }

    [Fact]
    public async Task paper_and_assisted_ballots_show_in_their_own_channels_and_in_the_total()
    {
        var room = await VotingRoom.Open(App, Rules(VotingMethod.Approval));
        await (await room.Phone()).VoteOk(M(room.Option(0), 1));
        (await room.Workshop.Staff.PostAsJsonAsync($"{room.RoundUrl}/assisted-ballots",
            new CastAssistedBallot(StakeholderGroup.MigrantLedOrganisation, [M(room.Option(1), 1)]), Json.Options)).EnsureSuccessStatusCode();
        (await room.Workshop.Staff.PostAsJsonAsync($"{room.RoundUrl}/paper-tallies",
            new EnterPaperTally(1, 4, [new(room.Option(1), 1, 3), new(room.Option(2), 1, 1)]), Json.Options)).EnsureSuccessStatusCode();

        var results = await room.ResultsOk();
        results.Ballots.ShouldBe(new(1, 1, 4));
        var b = results.Options.Single(o => o.OptionId == room.Option(1));
        (b.Score, b.Marks.Assisted, b.Marks.Paper).ShouldBe((4m, 1, 3));
    }

    [Fact]
    public async Task a_secret_ballot_names_nobody_and_the_round_key_is_gone_after_the_close()
    {
        var room = await VotingRoom.Open(App, Rules(VotingMethod.Approval, secret: true));
        var accepted = await (await room.Phone()).VoteOk(M(room.Option(0), 1));
        (await room.Close()).EnsureSuccessStatusCode();

        await using var session = App.Store.QuerySession(room.Workshop.CityId);
        var cast = (BallotCast)(await session.Events.FetchStreamAsync(accepted.BallotId))[0].Data;
        cast.ParticipantId.ShouldBeNull();
        (await session.LoadAsync<RoundKey>(room.Round.RoundId)).ShouldBeNull();
    }

    [Theory]
    [InlineData("close")]
    [InlineData("rules")]
    [InlineData("paper-tallies")]
    public async Task a_round_is_not_found_under_another_workshop_of_its_city(string action)
    {
        var rules = new RoundRules(VotingMethod.Approval, ResultsVisibility.Live, true, false);
        var room = await VotingRoom.Open(App, rules);
        var other = await VotingRoom.Open(App, rules);
        object body = action switch
        {
            "close" => new Api.Features.Voting.Closing.CloseRound(1),
            "rules" => new Api.Features.Voting.ChangingRules.ChangeRoundRules(1, rules),
            _ => new EnterPaperTally(1, 3, [new PaperCount(room.Option(0), 1, 3)])
        };

        var response = await room.Workshop.Staff.PostAsJsonAsync($"{other.Workshop.Url}/rounds/{room.Round.RoundId}/{action}", body, Json.Options);

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await room.ResultsOk()).Status.ShouldBe(RoundStatus.Open); // neither closed nor changed through the other workshop
    }
}
