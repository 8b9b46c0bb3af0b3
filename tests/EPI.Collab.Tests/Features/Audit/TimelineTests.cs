using System.Net;
using System.Net.Http.Json;
using EPI.Collab.Api.Features.Audit.GettingTimeline;
using EPI.Collab.Api.Features.Decisions.Recording;
using EPI.Collab.Api.Features.ReferenceData;
using EPI.Collab.Api.Features.Voting;
using EPI.Collab.Api.Features.Strategies;
using EPI.Collab.Api.Features.Strategies.Revising;
using EPI.Collab.Tests.Features.Strategies;
using EPI.Collab.Tests.Features.Voting;
using EPI.Collab.Tests.Features.Workshops;

namespace EPI.Collab.Tests.Features.Audit;

public class TimelineTests(AppFixture app) : IntegrationTest(app)
{
    private static RoundRules Rules(bool secret = false) => new(VotingMethod.Approval, ResultsVisibility.Live, true, secret);

    private static async Task<AuditTimeline> Read(HttpClient client, string url) => await (await client.GetAsync(url)).Read<AuditTimeline>();

    [Fact]
    public async Task a_decision_timeline_holds_exactly_the_events_behind_it_in_sequence_order()
    {
        var room = await VotingRoom.Open(App, Rules());
        var phone = await room.Phone();
        var first = await phone.VoteOk(new BallotMark(room.Option(0), 1));
        await phone.VoteOk(new BallotMark(room.Option(1), 1));
        var other = await (await room.Phone()).VoteOk(new BallotMark(room.Option(1), 1));
        var unrelated = await VotingRoom.Open(App, Rules());
        await (await unrelated.Phone()).VoteOk(new BallotMark(unrelated.Option(0), 1));
        (await room.Close()).EnsureSuccessStatusCode();
        var recorded = await room.Workshop.Staff.PostAsJsonAsync($"{room.Workshop.Url}/decisions", new RecordDecision([room.Round.RoundId],
            "top 1 by approvals", [room.Proposals[1]], new LocalizedText("en", "Most supported."), []), Json.Options);
        var decisionId = Guid.Parse(recorded.Headers.Location!.ToString().Split('/')[^1]);

        var timeline = await Read(await room.Auditor(), $"{room.AuditUrl()}/timeline?decisionId={decisionId}");

        await using var session = App.Store.QuerySession(room.Workshop.CityId);
        var expected = new List<JasperFx.Events.IEvent>();
        foreach (var stream in new[] { decisionId, room.Round.RoundId, first.BallotId, other.BallotId }.Concat(room.Proposals))
            expected.AddRange(await session.Events.FetchStreamAsync(stream));
        timeline.Events.Select(e => e.EventId).ShouldBe(expected.OrderBy(e => e.Sequence).Select(e => e.Id));
        timeline.Events.Select(e => e.Sequence).ShouldBeInOrder();
        timeline.Events.Select(e => e.Type).ShouldContain("decision-recorded");
        timeline.Events.Single(e => e.Type == "round-opened").ActorRole.ShouldNotBeNull();
        timeline.Events.Where(e => e.Type.StartsWith("ballot-")).ShouldAllBe(e => e.Channel == "PHONE" && e.ActorRole == "participant");
        timeline.NextAfter.ShouldBeNull();
    }

    [Fact]
    public async Task the_timeline_spells_enums_as_the_rest_of_the_api()
    {
        var room = await VotingRoom.Open(App, Rules());
        // Five of one group: per-ballot views show a group only from five ballots of it in the round.
        for (var i = 0; i < 5; i++)
            await (await room.Phone(EPI.Collab.Api.Features.Participants.StakeholderGroup.MigrantLedOrganisation)).VoteOk(new BallotMark(room.Option(0), 1));

        var timeline = await Read(await room.Auditor(), $"{room.AuditUrl()}/timeline?roundId={room.Round.RoundId}");

        var opened = timeline.Events.Single(e => e.Type == "round-opened").Data;
        opened["rules"]!["method"]!.GetValue<string>().ShouldBe("APPROVAL");
        opened["rules"]!["visibility"]!.GetValue<string>().ShouldBe("LIVE");
        var cast = timeline.Events.First(e => e.Type == "ballot-cast");
        cast.Data["group"]!.GetValue<string>().ShouldBe("MIGRANT_LED_ORGANISATION");
        cast.Data["channel"]!.GetValue<string>().ShouldBe("PHONE");
        cast.Channel.ShouldBe("PHONE");
    }

    [Fact]
    public async Task a_secret_round_timeline_lists_no_single_ballot()
    {
        var room = await VotingRoom.Open(App, Rules(secret: true));
        await (await room.Phone()).VoteOk(new BallotMark(room.Option(0), 1));
        (await room.Close()).EnsureSuccessStatusCode();

        var timeline = await Read(await room.Auditor(), $"{room.AuditUrl()}/timeline?roundId={room.Round.RoundId}");

        timeline.Events.Select(e => e.Type).ShouldBe(["round-opened", "round-closed"]);
        timeline.Events.ShouldAllBe(e => !e.Data.ContainsKey("participantId"));
    }

    [Fact]
    public async Task a_ballot_of_a_group_under_five_in_its_round_shows_no_group()
    {
        var room = await VotingRoom.Open(App, Rules());
        await (await room.Phone(EPI.Collab.Api.Features.Participants.StakeholderGroup.Business)).VoteOk(new BallotMark(room.Option(0), 1));

        var timeline = await Read(room.Workshop.Staff, $"{room.AuditUrl()}/timeline?roundId={room.Round.RoundId}");
        var csv = await room.Workshop.Staff.GetStringAsync($"{room.AuditUrl()}/export/ballots.csv");

        var cast = timeline.Events.Single(e => e.Type == "ballot-cast");
        cast.Data.ContainsKey("group").ShouldBeFalse();
        cast.Data["marks"].ShouldNotBeNull();
        csv.ShouldNotContain("BUSINESS", Case.Insensitive);
        csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length.ShouldBe(2);
    }

    [Fact]
    public async Task a_workshop_timeline_pages_by_sequence_over_every_event_naming_the_workshop()
    {
        var room = await VotingRoom.Open(App, Rules());
        await (await room.Phone()).VoteOk(new BallotMark(room.Option(0), 1));
        var auditor = await room.Auditor();
        var url = $"{room.AuditUrl()}/timeline?workshopId={room.Workshop.Id}";

        var all = await Read(auditor, url);
        var firstPage = await Read(auditor, url + "&limit=2");
        var rest = await Read(auditor, url + $"&after={firstPage.NextAfter}&limit=1000");

        all.Events.ShouldAllBe(e => e.Data["workshopId"]!.ToString() == room.Workshop.Id.ToString());
        all.Events.Select(e => e.Type).ShouldContain("proposal-submitted");
        firstPage.Events.Concat(rest.Events).Select(e => e.EventId).ShouldBe(all.Events.Select(e => e.EventId));
        (firstPage.NextAfter, rest.NextAfter).ShouldBe((firstPage.Events[^1].Sequence, null));
    }

    [Fact]
    public async Task participants_cannot_read_a_timeline_and_one_subject_must_be_named()
    {
        var room = await VotingRoom.Open(App, Rules());
        var phone = await room.Phone();

        (await phone.Http.GetAsync($"{room.AuditUrl()}/timeline?roundId={room.Round.RoundId}")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await room.Workshop.Staff.GetAsync($"{room.AuditUrl()}/timeline?roundId={room.Round.RoundId}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var auditor = await room.Auditor();
        (await auditor.GetAsync($"{room.AuditUrl()}/timeline")).StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await auditor.GetAsync($"{room.AuditUrl()}/timeline?roundId={Guid.CreateVersion7()}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task a_revision_timeline_holds_its_revision_events_and_the_decision_behind_it()
    {
        var decision = await RecordedDecision.Record(App);
        var strategy = await StrategyUnderWay.Start(App);
        var objective = Items.Objective();
        var (after, adopted) = await strategy.Revise(new ProposeRevision(strategy.Version, RevisionReason.RoundTableOutcome, decision.DecisionId,
            "Round table 2 outcome", [Items.Add(objective)]));
        await after.Revise(after.Revision(Items.Add(Items.Objective())));

        var auditor = await decision.Room.Auditor();
        var revision = await Read(auditor, $"{decision.Room.AuditUrl()}/timeline?revisionNumber={adopted.RevisionNo}");
        var behind = await Read(auditor, $"{decision.Room.AuditUrl()}/timeline?decisionId={decision.DecisionId}");

        revision.Events.Select(e => e.Type).Where(t => t.StartsWith("revision-")).ShouldBe(["revision-proposed", "revision-adopted"]);
        revision.Events.Where(e => !e.Type.StartsWith("revision-")).Select(e => e.EventId).ShouldBe(behind.Events.Select(e => e.EventId));
        revision.Events.Where(e => e.Type.StartsWith("revision-")).ShouldAllBe(e => e.Data["revisionId"]!.ToString() == adopted.RevisionId.ToString());
        (await auditor.GetAsync($"{decision.Room.AuditUrl()}/timeline?revisionNumber=7")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}
