using System.Net;
using System.Threading.Channels;
using EPI.Collab.Api.Features.Voting;
using EPI.Collab.Api.Features.Voting.Casting;
using EPI.Collab.Api.Features.Voting.ChangingRules;
using EPI.Collab.Api.Features.Voting.Counting;
using EPI.Collab.Api.Features.Live;
using Marten;
using Microsoft.AspNetCore.SignalR.Client;
using System.Net.Http.Json;
using System.Text.Json;
using EPI.Collab.Tests.Features.Workshops;

namespace EPI.Collab.Tests.Features.Voting;

public class BallotVersusCloseTests(AppFixture app, Xunit.Abstractions.ITestOutputHelper output) : IntegrationTest(app)
{
    private static RoundRules Approval(ResultsVisibility visibility = ResultsVisibility.Live) =>
        new(VotingMethod.Approval, visibility, BallotsChangeable: true, Secret: false);

    [Fact]
    public async Task ballots_hammered_while_the_round_closes_count_exactly_when_acknowledged_and_the_result_never_changes()
    {
        var room = await VotingRoom.Open(App, Approval());
        var phones = await Task.WhenAll(Enumerable.Range(0, 40).Select(_ => room.Phone()));

        var firstAcknowledged = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var storm = phones.Select((p, i) => Task.Run(async () =>
        {
            var answers = new List<HttpResponseMessage>();
            for (var round = 0; round < 3; round++)
            {
                var answer = await p.Vote(null, new BallotMark(room.Option((i + round) % 3), 1));
                if (answer.IsSuccessStatusCode) firstAcknowledged.TrySetResult();
                answers.Add(answer);
            }
            return answers;
        })).ToList();
        await firstAcknowledged.Task.WaitAsync(TimeSpan.FromSeconds(30));
        (await room.Close()).StatusCode.ShouldBe(HttpStatusCode.OK);
        var answers = (await Task.WhenAll(storm)).SelectMany(a => a).ToList();

        answers.ShouldAllBe(a => a.StatusCode == HttpStatusCode.OK || a.StatusCode == HttpStatusCode.Conflict);
        output.WriteLine($"{answers.Count(a => a.IsSuccessStatusCode)} acknowledged, {answers.Count(a => !a.IsSuccessStatusCode)} refused");
        var acknowledged = new Dictionary<Guid, BallotAccepted>();
        foreach (var ok in answers.Where(a => a.StatusCode == HttpStatusCode.OK))
        {
            var accepted = await ok.Read<BallotAccepted>();
            if (!acknowledged.TryGetValue(accepted.BallotId, out var known) || known.Version < accepted.Version)
                acknowledged[accepted.BallotId] = accepted;
        }

        var results = await room.ResultsOk();
        results.Status.ShouldBe(RoundStatus.Closed);
        results.Ballots.Phone.ShouldBe(acknowledged.Count);

        // Every acknowledged ballot, at its last acknowledged version, is what was counted.
        await using var session = App.Store.QuerySession(room.Workshop.CityId);
        var counted = await session.Query<Ballot>().Where(b => b.RoundId == room.Round.RoundId).ToListAsync();
        counted.Select(b => (b.Id, b.Version)).OrderBy(x => x.Id)
            .ShouldBe(acknowledged.Values.Select(a => (a.BallotId, a.Version)).OrderBy(x => x.Item1));

        // Every ballot event of the round precedes the close in the log.
        var events = await session.Events.QueryAllRawEvents().Where(e => e.StreamId == room.Round.RoundId).ToListAsync();
        var closeSequence = events.Single(e => e.Data is RoundClosed).Sequence;
        var ballotSequences = await session.Events.QueryAllRawEvents()
            .Where(e => e.StreamId.IsOneOf(counted.Select(b => b.Id).ToArray())).Select(e => e.Sequence).ToListAsync();
        ballotSequences.ShouldAllBe(s => s < closeSequence);

        // Late attempts change nothing.
        (await phones[0].Vote(null, new BallotMark(room.Option(0), 1))).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await room.ResultsOk()).ShouldBeEquivalentTo(results);
    }

    [Fact]
    public async Task the_projector_receives_live_tallies_and_the_final_result()
    {
        var room = await VotingRoom.Open(App, Approval());
        await using var projector = App.Hub(await App.TokenFor("facilitator.cluj"));
        var tallies = Channel.CreateUnbounded<WorkshopMessage>();
        projector.On<WorkshopMessage>("WorkshopMessage", m => { if (m.Type == "round.tallied") tallies.Writer.TryWrite(m); });
        await projector.StartAsync();
        await projector.InvokeAsync("JoinWorkshop", room.Workshop.CityId, room.Workshop.Id);

        var phones = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => room.Phone()));
        foreach (var (phone, i) in phones.Select((p, i) => (p, i))) await phone.VoteOk(new BallotMark(room.Option(i < 3 ? 0 : 1), 1));
        (await room.Close()).EnsureSuccessStatusCode();

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        RoundResults last;
        do
        {
            var message = await tallies.Reader.ReadAsync(timeout.Token);
            last = ((JsonElement)message.Data).Deserialize<RoundResults>(Json.Options)!;
        } while (last.Status != RoundStatus.Closed);
        last.Options.Select(o => (o.OptionId, o.Score)).Take(2).ShouldBe([(room.Option(0), 3m), (room.Option(1), 2m)]);

        // A late joiner finds the same result on the board.
        var onBoard = (await room.Workshop.Board()).Rounds.Single().Results!;
        onBoard.Options.Select(o => (o.OptionId, o.Score)).ShouldBe(last.Options.Select(o => (o.OptionId, o.Score)));
    }

    [Fact]
    public async Task rules_change_before_the_first_ballot_and_freeze_after_it()
    {
        var room = await VotingRoom.Open(App, Approval());

        var changed = await room.Workshop.Staff.PostAsJsonAsync($"{room.RoundUrl}/rules",
            new ChangeRoundRules(room.RoundVersion, Approval(ResultsVisibility.HiddenUntilClose)), Json.Options);
        changed.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await room.Results()).StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);

        await (await room.Phone()).VoteOk(new BallotMark(room.Option(0), 1));
        var frozen = await room.Workshop.Staff.PostAsJsonAsync($"{room.RoundUrl}/rules",
            new ChangeRoundRules(room.RoundVersion + 1, Approval()), Json.Options);
        frozen.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await frozen.Content.ReadAsStringAsync()).ShouldContain("new round");
    }
}
