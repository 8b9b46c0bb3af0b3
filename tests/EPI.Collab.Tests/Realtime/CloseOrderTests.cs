using System.Text.Json;
using EPI.Collab.Api.Features.Voting;
using EPI.Collab.Api.Features.Voting.Counting;
using EPI.Collab.Api.Features.Live;
using EPI.Collab.Tests.Features.Voting;
using EPI.Collab.Tests.Features.Workshops;

namespace EPI.Collab.Tests.Realtime;

/// <summary>Issue #14: at a close, round.closed comes before the final tally, and the final tally is sent once.</summary>
public class CloseOrderTests(AppFixture app) : IntegrationTest(app)
{
    [Fact]
    public async Task a_close_during_a_vote_storm_sends_round_closed_then_one_final_tally()
    {
        var room = await VotingRoom.Open(App, new RoundRules(VotingMethod.Approval, ResultsVisibility.Live, true, false));
        var phones = await Task.WhenAll(Enumerable.Range(0, 40).Select(_ => room.Phone()));

        // Ballots keep arriving while the close is taken: the relay reads pages of ballots after the close has committed.
        var voting = Task.WhenAll(phones.Select((p, i) => p.Vote(null, new BallotMark(room.Option(i % 3), 1))));
        var closing = room.Close();
        await Task.WhenAll(voting, closing);
        (await closing).EnsureSuccessStatusCode();
        await App.RelaySettled();

        var feed = await (await room.Workshop.Staff.GetAsync($"{room.Workshop.Url}/feed")).Read<List<WorkshopMessage>>();
        var closed = feed.Single(m => m.Type == "round.closed");
        var finalTallies = feed.Where(m => m.Type == "round.tallied")
            .Where(m => ((JsonElement)m.Data).Deserialize<RoundResults>(Json.Options)!.Status == RoundStatus.Closed).ToList();
        finalTallies.ShouldHaveSingleItem();
        finalTallies[0].Position.ShouldBeGreaterThan(closed.Position);
        var final = ((JsonElement)finalTallies[0].Data).Deserialize<RoundResults>(Json.Options)!;
        var stored = await room.ResultsOk();
        final.Ballots.ShouldBe(stored.Ballots);
        final.Options.Select(o => (o.OptionId, o.Score)).ShouldBe(stored.Options.Select(o => (o.OptionId, o.Score)));
    }
}
