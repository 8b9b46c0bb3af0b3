using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EPI.Collab.Api.Features.Participants;
using EPI.Collab.Api.Features.Participants.Admission;
using EPI.Collab.Api.Features.Participants.Joining;
using EPI.Collab.Api.Features.Participants.Removing;
using EPI.Collab.Api.Features.Voting;
using EPI.Collab.Api.Features.Voting.Casting;
using EPI.Collab.Api.Features.Workshops;
using EPI.Collab.Api.Features.Workshops.Admitting;
using EPI.Collab.Api.Realtime;
using EPI.Collab.Tests.Features.Workshops;
using Marten;
using Microsoft.AspNetCore.SignalR.Client;

namespace EPI.Collab.Tests.Features.Voting;

/// <summary>
/// Issue #15, item 1: a ballot over the hub connection (real SignalR, real PostgreSQL) is counted, is refused exactly
/// as over HTTP (status, code, field codes), and shares the Idempotency-Key with HTTP.
/// </summary>
public class HubBallotTests(AppFixture app) : IntegrationTest(app)
{
    private static readonly RoundRules Approval = new(VotingMethod.Approval, ResultsVisibility.Live, true, false);

    /// <summary>One phone with both paths: its HTTP client and its hub connection, the same token.</summary>
    private sealed class TwoPathPhone(VotingRoom room, Joined joined, HttpClient http, HubConnection hub) : IAsyncDisposable
    {
        public Joined Joined => joined;
        public Phone Http => new(room, http);
        public HttpClient Client => http;

        public Task<HubBallotAnswer> Cast(string? key, params BallotMark[] marks) => Cast(key, new CastBallot(marks));

        public Task<HubBallotAnswer> Cast(string? key, CastBallot? ballot) =>
            hub.InvokeAsync<HubBallotAnswer>(nameof(CollabHub.CastBallot), room.Workshop.CityId, room.Workshop.Id, room.Round.RoundId, ballot, key);

        /// <summary>Any JSON as the ballot argument, as an outside client may send it.</summary>
        public Task<HubBallotAnswer> Cast(string? key, JsonElement ballot) =>
            hub.InvokeAsync<HubBallotAnswer>(nameof(CollabHub.CastBallot), room.Workshop.CityId, room.Workshop.Id, room.Round.RoundId, ballot, key);

        public ValueTask DisposeAsync() => hub.DisposeAsync();
    }

    private async Task<TwoPathPhone> Connect(VotingRoom room, Joined? joined = null)
    {
        joined ??= await room.Workshop.JoinPhone();
        var hub = App.Hub(joined.AccessToken);
        await hub.StartAsync();
        return new TwoPathPhone(room, joined, App.Client(joined.AccessToken), hub);
    }

    private static async Task<JsonElement> Problem(HttpResponseMessage response) => await response.Content.ReadFromJsonAsync<JsonElement>();

    /// <summary>The HTTP problem's status, code and per-field codes, compared with the hub's.</summary>
    private static async Task SameRefusal(HttpResponseMessage http, HubBallotAnswer hub)
    {
        hub.Accepted.ShouldBeNull();
        hub.Problem.ShouldNotBeNull();
        var problem = await Problem(http);
        hub.Problem.Status.ShouldBe((int)http.StatusCode);
        hub.Problem.Code.ShouldBe(problem.GetProperty("code").GetString());
        if (problem.TryGetProperty("stage", out var stage)) hub.Problem.Stage.ShouldBe(stage.GetString());
        else hub.Problem.Stage.ShouldBeNull();
        if (problem.TryGetProperty("errors", out var errors))
            hub.Problem.Errors!.Keys.ShouldBe(errors.EnumerateObject().Select(e => e.Name), ignoreOrder: true);
        if (problem.TryGetProperty(Api.Infrastructure.Validation.FieldCodesKey, out var codes))
            foreach (var field in codes.EnumerateObject())
                hub.Problem.FieldCodes![field.Name].ShouldBe(field.Value.EnumerateArray().Select(c => c.GetString()).ToArray());
    }

    [Fact]
    public async Task a_ballot_over_the_hub_is_accepted_after_its_commit_and_counted()
    {
        var room = await VotingRoom.Open(App, Approval);
        await using var phone = await Connect(room);

        var answer = await phone.Cast("hub-1", new BallotMark(room.Option(0), 1), new BallotMark(room.Option(2), 1));

        answer.Problem.ShouldBeNull();
        answer.Replayed.ShouldBeFalse();
        answer.Accepted.ShouldNotBeNull().RoundId.ShouldBe(room.Round.RoundId);
        // Acknowledged only after the commit: the stream is there when the answer arrives.
        await using (var session = App.Store.QuerySession(room.Workshop.CityId))
            (await session.Events.FetchStreamAsync(answer.Accepted.BallotId)).Count.ShouldBe(1);
        var results = await room.ResultsOk();
        results.Ballots.Phone.ShouldBe(1);
        results.Options.Single(o => o.OptionId == room.Option(0)).Score.ShouldBe(1m);
        results.Options.Single(o => o.OptionId == room.Option(1)).Score.ShouldBe(0m);
        results.Options.Single(o => o.OptionId == room.Option(2)).Score.ShouldBe(1m);
    }

    [Fact]
    public async Task the_hub_refuses_a_bad_ballot_as_http_does_and_counts_nothing()
    {
        var room = await VotingRoom.Open(App, Approval);
        await using var phone = await Connect(room);
        var unknown = Guid.CreateVersion7();
        (string Case, CastBallot? Ballot)[] cases =
        [
            ("no marks", new CastBallot([])),
            ("missing marks", new CastBallot(null!)),
            ("unknown option", new CastBallot([new BallotMark(unknown, 1)])),
            ("value out of range", new CastBallot([new BallotMark(room.Option(0), 99)]))
        ];
        foreach (var (name, ballot) in cases)
        {
            var http = await phone.Client.PostAsJsonAsync($"{room.RoundUrl}/ballot", ballot, Json.Options);
            var hub = await phone.Cast(null, ballot);
            ((int)http.StatusCode).ShouldBeGreaterThanOrEqualTo(400, name);
            await SameRefusal(http, hub);
        }
        var tooLong = new string('k', CastBallotEndpoint.MaxIdempotencyKeyLength + 1);
        await SameRefusal(await phone.Http.Vote(tooLong, new BallotMark(room.Option(0), 1)), await phone.Cast(tooLong, new BallotMark(room.Option(0), 1)));

        (await room.ResultsOk()).Ballots.ShouldBe(new(0, 0, 0));
    }

    [Fact]
    public async Task a_closed_round_refuses_over_the_hub_as_over_http()
    {
        var room = await VotingRoom.Open(App, Approval);
        await using var phone = await Connect(room);
        (await room.Close()).StatusCode.ShouldBe(HttpStatusCode.OK);

        var http = await phone.Http.Vote(null, new BallotMark(room.Option(0), 1));
        var hub = await phone.Cast(null, new BallotMark(room.Option(0), 1));

        http.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        await SameRefusal(http, hub);
        hub.Problem!.Code.ShouldBe("round-closed");
    }

    [Fact]
    public async Task a_key_reused_for_other_marks_is_422_over_the_hub_and_a_retry_over_http_after_the_hub_is_a_replay()
    {
        var room = await VotingRoom.Open(App, Approval);
        await using var phone = await Connect(room);

        var first = await phone.Cast("phone-key-1", new BallotMark(room.Option(0), 1));
        var hubRetry = await phone.Cast("phone-key-1", new BallotMark(room.Option(0), 1));
        var httpRetry = await phone.Http.Vote("phone-key-1", new BallotMark(room.Option(0), 1));
        var reusedOverHub = await phone.Cast("phone-key-1", new BallotMark(room.Option(1), 1));
        var reusedOverHttp = await phone.Http.Vote("phone-key-1", new BallotMark(room.Option(1), 1));

        first.Accepted.ShouldNotBeNull();
        hubRetry.Replayed.ShouldBeTrue();
        hubRetry.Accepted.ShouldBe(first.Accepted);
        httpRetry.StatusCode.ShouldBe(HttpStatusCode.OK);
        httpRetry.Headers.GetValues("Idempotent-Replayed").ShouldBe(["true"]);
        (await httpRetry.Read<BallotAccepted>()).ShouldBe(first.Accepted);
        reusedOverHttp.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        await SameRefusal(reusedOverHttp, reusedOverHub);
        reusedOverHub.Problem!.Code.ShouldBe("idempotency-key-reused");
        var results = await room.ResultsOk();
        results.Ballots.Phone.ShouldBe(1);
        results.Options.Single(o => o.OptionId == room.Option(1)).Score.ShouldBe(0m);
        await using var session = App.Store.QuerySession(room.Workshop.CityId);
        (await session.Events.FetchStreamAsync(first.Accepted.BallotId)).Count.ShouldBe(1);
    }

    [Fact]
    public async Task a_pending_participant_is_refused_over_the_hub_as_over_http_and_a_removed_one_is_refused_on_a_connection_opened_before()
    {
        var room = await VotingRoom.Open(App, Approval);
        var workshop = room.Workshop;
        await using var removed = await Connect(room);
        var (admitting, _) = await workshop.Do("/admission", new SetAdmission(workshop.Version, AdmissionMode.FacilitatorAdmits, null));
        var waiting = await (await admitting.App.Client().Join(workshop.CityId, workshop.Id,
            new JoinWorkshop(workshop.JoinCode, StakeholderGroup.Resident, "en"))).Read<Joined>();
        await using var pending = await Connect(room, waiting);

        var pendingHttp = await pending.Http.Vote(null, new BallotMark(room.Option(0), 1));
        var pendingHub = await pending.Cast(null, new BallotMark(room.Option(0), 1));
        (await workshop.Staff.PostAsJsonAsync($"{workshop.Url}/participants/{removed.Joined.ParticipantId}/remove",
            new RemoveParticipant(1, RemovalReason.DuplicateDevice), Json.Options)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var removedHttp = await removed.Http.Vote(null, new BallotMark(room.Option(0), 1));
        var removedHub = await removed.Cast(null, new BallotMark(room.Option(0), 1));

        pendingHttp.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        await SameRefusal(pendingHttp, pendingHub);
        removedHttp.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        removedHub.Accepted.ShouldBeNull();
        removedHub.Problem!.Status.ShouldBe(401);
        (await room.ResultsOk()).Ballots.ShouldBe(new(0, 0, 0));
    }

    [Fact]
    public async Task any_json_for_the_ballot_gets_the_answer_http_gives_that_body_and_counts_nothing()
    {
        var room = await VotingRoom.Open(App, Approval);
        await using var phone = await Connect(room);
        var o = room.Option(0);
        string[] bodies =
        [
            "{}",
            "null",
            "[]",
            "5",
            "\"a ballot\"",
            "{\"marks\":5}",
            "{\"marks\":[]}",
            "{\"marks\":[\"x\"]}",
            "{\"marks\":[null]}",
            "{\"marks\":null}",
            $"{{\"marks\":[{{\"optionId\":\"{o}\",\"value\":1}}],\"extra\":1}}",
            $"{{\"marks\":[{{\"optionId\":\"{o}\",\"value\":1,\"bogus\":2}}]}}",
            $"{{\"marks\":[{{\"optionId\":\"{o}\",\"value\":\"1\"}}]}}",
            $"{{\"marks\":[{{\"optionId\":\"{o}\"}}]}}",
            "{\"marks\":[{\"value\":1}]}",
            "{\"marks\":[{\"optionId\":\"not-a-uuid\",\"value\":1}]}",
            $"{{\"marks\":[{{\"optionId\":\"{o}\",\"value\":1,\"value\":2}}]}}",
            $"{{\"marks\":[{{\"optionId\":\"{o}\",\"value\":1.5}}]}}",
            $"{{\"marks\":[{{\"optionId\":\"{o}\",\"value\":1}}],\"read\":{{}}}}"
        ];
        foreach (var body in bodies)
        {
            var http = await phone.Client.PostAsync($"{room.RoundUrl}/ballot", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
            var hub = await phone.Cast(null, JsonDocument.Parse(body).RootElement);
            ((int)http.StatusCode).ShouldBe(400, body);
            await SameRefusal(http, hub);
        }

        (await room.ResultsOk()).Ballots.ShouldBe(new(0, 0, 0));
    }
}
