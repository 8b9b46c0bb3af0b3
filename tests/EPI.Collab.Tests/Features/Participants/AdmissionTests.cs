using System.Net;
using System.Net.Http.Json;
using System.Threading.Channels;
using EPI.Collab.Api.Features.Participants;
using EPI.Collab.Api.Features.Participants.Admission;
using EPI.Collab.Api.Features.Participants.GettingRoom;
using EPI.Collab.Api.Features.Participants.Joining;
using EPI.Collab.Api.Features.Participants.Rejoining;
using EPI.Collab.Api.Features.Participants.Removing;
using EPI.Collab.Api.Features.ReferenceData;
using EPI.Collab.Api.Features.Voting;
using EPI.Collab.Api.Features.Workshops;
using EPI.Collab.Api.Features.Workshops.Admitting;
using EPI.Collab.Api.Features.Live;
using EPI.Collab.Api.Realtime;
using EPI.Collab.Tests.Features.Voting;
using EPI.Collab.Tests.Features.Workshops;
using Microsoft.AspNetCore.SignalR.Client;

namespace EPI.Collab.Tests.Features.Participants;

/// <summary>Issue #14, admission: modes, cap and burst alert, seat codes, admitting, refusing and removing, the room by group.</summary>
public class AdmissionTests(AppFixture app) : IntegrationTest(app)
{
    private static readonly TimeSpan PushTimeout = TimeSpan.FromSeconds(15);

    private static async Task<LiveWorkshop> Admission(LiveWorkshop workshop, AdmissionMode mode, int? cap = null)
    {
        var (after, _) = await workshop.Do("/admission", new SetAdmission(workshop.Version, mode, cap));
        return after;
    }

    private static Task<HttpResponseMessage> Join(LiveWorkshop workshop, StakeholderGroup group = StakeholderGroup.Resident, string? seat = null) =>
        workshop.App.Client().Join(workshop.CityId, workshop.Id, new JoinWorkshop(workshop.JoinCode, group, "en", SeatCode: seat));

    private static async Task<Room> Room(LiveWorkshop workshop) => await (await workshop.Staff.GetAsync($"{workshop.Url}/room")).Read<Room>();

    private static Task<HttpResponseMessage> Propose(AppFixture app, LiveWorkshop workshop, string token) =>
        app.Client(token).PostAsJsonAsync($"{workshop.Url}/proposals", new { text = new LocalizedText("en", "Language cafés") }, Json.Options);

    private static async Task<string> Code(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("code").GetString()!;

    [Fact]
    public async Task open_mode_admits_at_once_and_a_pending_join_waits_until_the_facilitator_admits_it_live()
    {
        var workshop = await App.OpenRoundTable();
        var open = await (await Join(workshop)).Read<Joined>();
        workshop = await Admission(workshop, AdmissionMode.FacilitatorAdmits);

        var waiting = await (await Join(workshop, StakeholderGroup.Business)).Read<Joined>();
        await using var phone = App.Hub(waiting.AccessToken);
        var heard = Channel.CreateUnbounded<WorkshopMessage>();
        phone.On<WorkshopMessage>(nameof(ICollabClient.WorkshopMessage), m => heard.Writer.TryWrite(m));
        await phone.StartAsync();
        await phone.InvokeAsync(nameof(CollabHub.JoinWorkshop), workshop.CityId, workshop.Id);
        var refusedWhileWaiting = await Propose(App, workshop, waiting.AccessToken);
        var boardWhileWaiting = await App.Client(waiting.AccessToken).GetAsync($"{workshop.Url}/board");
        var room = await Room(workshop);

        var admitted = await workshop.Staff.PostAsJsonAsync($"{workshop.Url}/participants/{waiting.ParticipantId}/admit",
            new AdmitParticipant(room.Waiting.Single().Version), Json.Options);
        using var timeout = new CancellationTokenSource(PushTimeout);
        WorkshopMessage pushed;
        do pushed = await heard.Reader.ReadAsync(timeout.Token); while (pushed.Type != "participant.admitted");

        open.Standing.ShouldBe(ParticipantStanding.Admitted);
        waiting.Standing.ShouldBe(ParticipantStanding.Pending);
        waiting.Pseudonym.ShouldStartWith("#");
        refusedWhileWaiting.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        boardWhileWaiting.StatusCode.ShouldBe(HttpStatusCode.OK);
        room.Waiting.Single().ParticipantId.ShouldBe(waiting.ParticipantId);
        room.Waiting.Single().Pseudonym.ShouldBe(waiting.Pseudonym);
        admitted.StatusCode.ShouldBe(HttpStatusCode.OK);
        pushed.Data.ToString()!.ShouldContain(waiting.ParticipantId.ToString());
        (await Propose(App, workshop, waiting.AccessToken)).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await Room(workshop)).Waiting.ShouldBeEmpty();
    }

    [Fact]
    public async Task a_refused_join_loses_its_token_and_its_rejoin_secret()
    {
        var workshop = await Admission(await App.OpenRoundTable(), AdmissionMode.FacilitatorAdmits);
        var waiting = await (await Join(workshop)).Read<Joined>();

        (await workshop.Staff.PostAsJsonAsync($"{workshop.Url}/participants/{waiting.ParticipantId}/refuse", new RefuseParticipant(1),
            Json.Options)).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await App.Client(waiting.AccessToken).GetAsync($"{workshop.Url}/board")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var rejoin = await App.Client().PostAsJsonAsync($"{workshop.Url}/participants/rejoin", new RejoinWorkshop(waiting.RejoinSecret!), Json.Options);
        rejoin.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await Code(rejoin)).ShouldBe("participant-removed");
        var again = await workshop.Staff.PostAsJsonAsync($"{workshop.Url}/participants/{waiting.ParticipantId}/admit", new AdmitParticipant(2), Json.Options);
        again.StatusCode.ShouldBe(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task a_seat_code_works_once_and_a_rejoin_does_not_use_another()
    {
        var workshop = await Admission(await App.OpenRoundTable(), AdmissionMode.SeatCodes);
        var issued = await (await workshop.Post("/seat-codes", new IssueSeatCodes(workshop.Version, 3))).Read<SeatCodesIssuedResponse>();
        var code = issued.Codes[0];

        var without = await Join(workshop);
        var unknown = await Join(workshop, seat: "AAAAAAAA");
        var first = await (await Join(workshop, seat: code.ToLowerInvariant())).Read<Joined>();
        var second = await Join(workshop, seat: code);
        var rejoined = await (await App.Client().PostAsJsonAsync($"{workshop.Url}/participants/rejoin",
            new RejoinWorkshop(first.RejoinSecret!), Json.Options)).Read<Joined>();
        var list = await (await workshop.Staff.GetAsync($"{workshop.Url}/seat-codes")).Read<SeatCodeList>();
        var lookup = await (await App.Client().GetAsync($"/api/join/{workshop.JoinCode}")).Read<WorkshopToJoin>();

        issued.Codes.Count.ShouldBe(3);
        issued.Seats.ShouldBe(3);
        without.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await Code(without)).ShouldBe("seat-code-required");
        unknown.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        first.Standing.ShouldBe(ParticipantStanding.Admitted);
        second.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await Code(second)).ShouldBe("seat-code-used");
        rejoined.ParticipantId.ShouldBe(first.ParticipantId);
        (list.Seats, list.Used).ShouldBe((3, 1));
        list.Codes.Single(c => c.Used).Code.ShouldBe(code);
        lookup.Admission.ShouldBe(AdmissionMode.SeatCodes);
    }

    [Fact]
    public async Task fifty_joins_beyond_the_cap_are_refused_and_the_console_hears_the_burst()
    {
        const int cap = 5;
        var workshop = await Admission(await App.OpenRoundTable(), AdmissionMode.Open, cap);
        await using var console = App.Hub(await App.TokenFor("facilitator.cluj"));
        var alerts = Channel.CreateUnbounded<JoinBurstAlert>();
        console.On<JoinBurstAlert>(nameof(ICollabClient.JoinBurst), a => alerts.Writer.TryWrite(a));
        await console.StartAsync();
        await console.InvokeAsync(nameof(CollabHub.WatchAdmission), workshop.CityId, workshop.Id);

        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < cap + 50; i++) answers.Add(await Join(workshop, (StakeholderGroup)(i % 8)));
        using var timeout = new CancellationTokenSource(PushTimeout);
        var alert = await alerts.Reader.ReadAsync(timeout.Token);

        answers.Count(a => a.StatusCode == HttpStatusCode.OK).ShouldBe(cap);
        var refused = answers.Where(a => a.StatusCode != HttpStatusCode.OK).ToList();
        refused.Count.ShouldBe(50);
        refused.ShouldAllBe(a => a.StatusCode == HttpStatusCode.Conflict);
        (await Code(refused[0])).ShouldBe("workshop-full");
        alert.WorkshopId.ShouldBe(workshop.Id);
        alert.Limit.ShouldBe(cap);
        alert.Joins.ShouldBe(cap + 1);
        alert.Refused.ShouldBe(1);
        (await Room(workshop)).Participants.Count.ShouldBe(cap);
    }

    [Fact]
    public async Task removal_voids_the_open_ballot_changes_the_results_shows_in_the_audit_and_ends_the_token()
    {
        var room = await VotingRoom.Open(App, new RoundRules(VotingMethod.Approval, ResultsVisibility.Live, true, Secret: true));
        var workshop = room.Workshop;
        var stays = await workshop.JoinPhone();
        var leaves = await workshop.JoinPhone();
        await new Phone(room, App.Client(stays.AccessToken)).VoteOk(new BallotMark(room.Option(0), 1));
        await new Phone(room, App.Client(leaves.AccessToken)).VoteOk(new BallotMark(room.Option(0), 1));
        var before = await room.ResultsOk();

        var removed = await workshop.Staff.PostAsJsonAsync($"{workshop.Url}/participants/{leaves.ParticipantId}/remove",
            new RemoveParticipant(1, RemovalReason.DuplicateDevice), Json.Options);
        var after = await room.ResultsOk();
        await App.RelaySettled();
        var board = await workshop.Board();
        var timeline = await (await workshop.Staff.GetAsync($"/api/cities/{workshop.CityId}/audit/timeline?workshopId={workshop.Id}"))
            .Content.ReadAsStringAsync();
        var roundTimeline = await (await workshop.Staff.GetAsync($"/api/cities/{workshop.CityId}/audit/timeline?roundId={room.Round.RoundId}"))
            .Content.ReadAsStringAsync();

        var recount = await (await workshop.Staff.GetAsync($"/api/cities/{workshop.CityId}/audit/rounds/{room.Round.RoundId}/recount"))
            .Read<EPI.Collab.Api.Features.Audit.Recounting.Recount>();

        removed.StatusCode.ShouldBe(HttpStatusCode.OK);
        recount.Matches.ShouldBeTrue(string.Join("; ", recount.Differences));
        before.Options.Single(o => o.OptionId == room.Option(0)).Score.ShouldBe(2);
        after.Options.Single(o => o.OptionId == room.Option(0)).Score.ShouldBe(1);
        after.Ballots.Phone.ShouldBe(1);
        board.Rounds.Single().Ballots.ShouldBe(1);
        board.ParticipantCount.ShouldBe(1);
        (timeline + roundTimeline).ShouldContain("ballot-voided");
        (timeline + roundTimeline).ShouldContain("DUPLICATE_DEVICE");
        // The voiding names the ballot stream only: in a secret round neither the voter nor the marks appear with it.
        roundTimeline.ShouldNotContain(leaves.ParticipantId.ToString());
        (await App.Client(leaves.AccessToken).GetAsync($"{workshop.Url}/board")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await App.Client().PostAsJsonAsync($"{workshop.Url}/participants/rejoin", new RejoinWorkshop(leaves.RejoinSecret!), Json.Options))
            .StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await new Phone(room, App.Client(stays.AccessToken)).Vote(null, new BallotMark(room.Option(1), 1))).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task the_room_shows_groups_under_five_as_less_than_five_in_the_api_answer_without_naming_them()
    {
        var workshop = await App.OpenRoundTable();
        for (var i = 0; i < 5; i++) await workshop.JoinPhone(StakeholderGroup.Resident);
        await workshop.JoinPhone(StakeholderGroup.Business);

        var json = await (await workshop.Staff.GetAsync($"{workshop.Url}/room")).Content.ReadAsStringAsync();
        var room = await Room(workshop);

        room.Groups.ShouldBe([new RoomGroup("RESIDENT", "5"), new RoomGroup("OTHER", "<5")]);
        room.Admitted.ShouldBe("<10");
        json.ShouldContain("\"<5\"");
        json.ShouldNotContain("BUSINESS");
        (await (await App.ClientFor("facilitator.riga")).GetAsync($"{workshop.Url}/room")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task after_erasure_the_new_pseudonym_cannot_vote_in_a_round_opened_before_it_joined()
    {
        var room = await VotingRoom.Open(App, new RoundRules(VotingMethod.Approval, ResultsVisibility.Live, true, Secret: true));
        var workshop = room.Workshop;
        var joined = await workshop.JoinPhone();
        await new Phone(room, App.Client(joined.AccessToken)).VoteOk(new BallotMark(room.Option(0), 1));
        (await (await App.ClientFor("coordinator.cluj")).PostAsJsonAsync($"/api/cities/{workshop.CityId}/subjects/{joined.ParticipantId}/erasure",
            new EPI.Collab.Api.Features.PersonalData.Erasing.EraseSubject(EPI.Collab.Api.Features.PersonalData.Erasing.ErasureGround.ConsentWithdrawn, true),
            Json.Options)).EnsureSuccessStatusCode();

        var back = await (await App.Client().PostAsJsonAsync($"{workshop.Url}/participants/rejoin", new RejoinWorkshop(joined.RejoinSecret!),
            Json.Options)).Read<Joined>();
        var again = await new Phone(room, App.Client(back.AccessToken)).Vote(null, new BallotMark(room.Option(0), 1));
        var byToken = await workshop.JoinPhone(token: joined.AccessToken);
        var againByToken = await new Phone(room, App.Client(byToken.AccessToken)).Vote(null, new BallotMark(room.Option(0), 1));

        back.ParticipantId.ShouldNotBe(joined.ParticipantId);
        again.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await Code(again)).ShouldBe("joined-after-round-opened");
        againByToken.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await room.ResultsOk()).Options.Single(o => o.OptionId == room.Option(0)).Score.ShouldBe(1);
    }
}
