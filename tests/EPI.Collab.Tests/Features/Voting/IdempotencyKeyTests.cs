using System.Net;
using System.Net.Http.Json;
using EPI.Collab.Api.Features.Participants;
using EPI.Collab.Api.Features.Voting;
using EPI.Collab.Api.Features.Voting.Casting;
using Marten;
using EPI.Collab.Tests.Features.Workshops;

namespace EPI.Collab.Tests.Features.Voting;

/// <summary>Issue #14: an Idempotency-Key reused with another body is 422 on both ballot channels, with the same limits.</summary>
public class IdempotencyKeyTests(AppFixture app) : IntegrationTest(app)
{
    private static readonly RoundRules Approval = new(VotingMethod.Approval, ResultsVisibility.Live, true, false);

    private static HttpRequestMessage Assisted(VotingRoom room, string? key, CastAssistedBallot body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"{room.RoundUrl}/assisted-ballots") { Content = JsonContent.Create(body, options: Json.Options) };
        if (key is not null) request.Headers.Add("Idempotency-Key", key);
        return request;
    }

    [Fact]
    public async Task a_phone_reusing_a_key_for_other_marks_gets_422_and_the_first_marks_stay()
    {
        var room = await VotingRoom.Open(App, Approval);
        var phone = await room.Phone();

        var first = await phone.Vote("key-1", new BallotMark(room.Option(0), 1));
        var reused = await phone.Vote("key-1", new BallotMark(room.Option(1), 1));

        first.StatusCode.ShouldBe(HttpStatusCode.OK);
        reused.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await reused.Content.ReadAsStringAsync()).ShouldContain("\"code\":\"idempotency-key-reused\"");
        reused.Headers.Contains("Idempotent-Replayed").ShouldBeFalse();
        var results = await room.ResultsOk();
        results.Options.Single(o => o.OptionId == room.Option(0)).Score.ShouldBe(1m);
        results.Options.Single(o => o.OptionId == room.Option(1)).Score.ShouldBe(0m);
        var accepted = await first.Read<BallotAccepted>();
        await using var session = App.Store.QuerySession(room.Workshop.CityId);
        (await session.Events.FetchStreamAsync(accepted.BallotId)).Count.ShouldBe(1);
    }

    [Fact]
    public async Task an_assisted_ballot_reusing_a_key_for_another_body_gets_422_and_adds_nothing()
    {
        var room = await VotingRoom.Open(App, Approval);
        var body = new CastAssistedBallot(StakeholderGroup.Resident, [new BallotMark(room.Option(0), 1)]);

        var first = await room.Workshop.Staff.SendAsync(Assisted(room, "paper-7", body));
        var retry = await room.Workshop.Staff.SendAsync(Assisted(room, "paper-7", body));
        var otherGroup = await room.Workshop.Staff.SendAsync(Assisted(room, "paper-7", body with { Group = StakeholderGroup.Business }));
        var otherMarks = await room.Workshop.Staff.SendAsync(Assisted(room, "paper-7", body with { Marks = [new BallotMark(room.Option(2), 1)] }));

        first.StatusCode.ShouldBe(HttpStatusCode.OK);
        retry.Headers.GetValues("Idempotent-Replayed").ShouldBe(["true"]);
        foreach (var refused in new[] { otherGroup, otherMarks })
        {
            refused.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
            (await refused.Content.ReadAsStringAsync()).ShouldContain("\"code\":\"idempotency-key-reused\"");
        }
        (await room.ResultsOk()).Ballots.Assisted.ShouldBe(1);
    }

    [Fact]
    public async Task the_key_limit_is_the_same_on_phone_and_assisted_ballots()
    {
        var room = await VotingRoom.Open(App, Approval);
        var tooLong = new string('k', CastBallotEndpoint.MaxIdempotencyKeyLength + 1);

        var phone = await (await room.Phone()).Vote(tooLong, new BallotMark(room.Option(0), 1));
        var assisted = await room.Workshop.Staff.SendAsync(Assisted(room, tooLong,
            new CastAssistedBallot(StakeholderGroup.Resident, [new BallotMark(room.Option(0), 1)])));

        phone.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        assisted.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await phone.Content.ReadAsStringAsync()).ShouldContain("Idempotency-Key");
        (await assisted.Content.ReadAsStringAsync()).ShouldContain("Idempotency-Key");
        (await room.ResultsOk()).Ballots.ShouldBe(new(0, 0, 0));
    }

    [Fact]
    public async Task an_assisted_ballot_without_a_group_is_400_and_counts_nothing()
    {
        var room = await VotingRoom.Open(App, Approval);

        var response = await room.Workshop.Staff.PostAsJsonAsync($"{room.RoundUrl}/assisted-ballots",
            new { marks = new[] { new { optionId = room.Option(0), value = 1 } } }, Json.Options);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).ShouldContain("group");
        (await room.ResultsOk()).Ballots.Assisted.ShouldBe(0);
    }
}
