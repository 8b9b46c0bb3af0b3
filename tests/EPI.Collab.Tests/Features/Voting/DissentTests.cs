using System.Net;
using System.Net.Http.Json;
using EPI.Collab.Api.Features.Decisions;
using EPI.Collab.Api.Features.Decisions.Recording;
using EPI.Collab.Api.Features.Participants;
using EPI.Collab.Api.Features.PersonalData;
using EPI.Collab.Api.Features.PersonalData.BreakGlass;
using EPI.Collab.Api.Features.PersonalData.Erasing;
using EPI.Collab.Api.Features.ReferenceData;
using EPI.Collab.Api.Features.Voting;
using EPI.Collab.Api.Features.Voting.Casting;
using EPI.Collab.Api.Features.Voting.ListingObjections;
using EPI.Collab.Tests.Features.Proposals;
using EPI.Collab.Tests.Features.Workshops;
using Marten;

namespace EPI.Collab.Tests.Features.Voting;

/// <summary>
/// Issue #14: an objection's reason is sealed under the objector's key on the round's dissent stream (never in the
/// ballot), listed on the round and on the decision record without naming anyone, and erased with the objector.
/// </summary>
public sealed class DissentTests(AppFixture app) : IntegrationTest(app)
{
    private sealed record Story(VotingRoom Room, Guid Objector, string Marker, Guid Decision)
    {
        public string Reason => $"The {Marker} budget leaves out night-shift workers";
    }

    private async Task<Story> Object()
    {
        var marker = $"d{Guid.NewGuid():N}"[..12];
        var room = await VotingRoom.Open(App, new RoundRules(VotingMethod.Consent, ResultsVisibility.HiddenUntilClose, true, Secret: true));
        var joined = await room.Workshop.JoinPhone(StakeholderGroup.Business, "en");
        var objector = new Phone(room, App.Client(joined.AccessToken));
        // A first objection to option 1 is withdrawn by the changed ballot; the one to option 0 stands.
        await objector.VoteOk(new BallotMark(room.Option(0), 1), new BallotMark(room.Option(1), -1, Reason: $"Withdrawn {marker}"));
        await objector.VoteOk(new BallotMark(room.Option(0), -1, Reason: $"The {marker} budget leaves out night-shift workers"),
            new BallotMark(room.Option(1), 1));
        for (var i = 0; i < 2; i++) await (await room.Phone()).VoteOk(new BallotMark(room.Option(0), 1), new BallotMark(room.Option(1), 1));
        (await room.Close()).EnsureSuccessStatusCode();
        var decision = await (await room.Workshop.Staff.PostAsJsonAsync($"{room.Workshop.Url}/decisions",
            new RecordDecision([room.Round.RoundId], "consent: no standing objection", [room.Proposals[1]],
                new LocalizedText("en", "Option two passed without objection.")), Json.Options)).Read<Created>();
        return new Story(room, joined.ParticipantId, marker, decision.Value);
    }

    private sealed record Created(Guid Value, string Url);

    private static async Task<RoundObjections> Objections(VotingRoom room, HttpClient client, Guid? grant = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"{room.RoundUrl}/objections");
        if (grant is { } g) request.Headers.Add(AuditAccessGrant.Header, g.ToString());
        return await (await client.SendAsync(request)).Read<RoundObjections>();
    }

    private Task<IReadOnlyList<string>> TablesContaining(string needle) => Translations.Tables.Containing(App, needle);

    [Fact]
    public async Task an_objection_reason_is_sealed_and_listed_on_the_round_and_the_decision_without_its_author()
    {
        var story = await Object();
        var room = story.Room;

        (await TablesContaining(story.Marker)).ShouldBeEmpty();
        var response = await room.Workshop.Staff.GetAsync($"{room.RoundUrl}/objections");
        var body = await response.Content.ReadAsStringAsync();
        var listed = await response.Read<RoundObjections>();
        listed.Objections.Single().ShouldSatisfyAllConditions(o => o.OptionId.ShouldBe(room.Option(0)), o => o.Reason.ShouldBe(story.Reason),
            o => o.State.ShouldBe(PersonalTextState.Revealed), o => o.Lang.ShouldBe("en"));
        body.ShouldNotContain(story.Objector.ToString());
        body.ShouldNotContain("usiness", Case.Insensitive);
        var decision = await (await room.Workshop.Staff.GetAsync($"{room.Workshop.Url}/decisions/{story.Decision}")).Read<DecisionRecord>();
        decision.Objections!.Single().Reason.ShouldBe(story.Reason);
        (await (await room.Workshop.Staff.GetAsync($"{room.Workshop.Url}/decisions")).Read<List<DecisionRecord>>())
            .Single().Objections!.Single().OptionId.ShouldBe(room.Option(0));

        await using var session = App.Store.QuerySession(room.Workshop.CityId);
        var ballots = await session.Query<Ballot>().Where(b => b.RoundId == room.Round.RoundId).ToListAsync();
        ballots.SelectMany(b => b.Marks).ShouldAllBe(m => m.Reason == null);

        // Not even the stored rows tie the objection to its author: the reason is sealed under a key derived from the
        // objector's for this round, named by an id only that key can compute.
        var dissent = await session.Events.FetchStreamAsync(RoundDissent.StreamId(room.Round.RoundId));
        dissent.ShouldNotBeEmpty();
        foreach (var e in dissent) System.Text.Json.JsonSerializer.Serialize(e.Data).ShouldNotContain(story.Objector.ToString());
        var stored = await session.LoadAsync<RoundDissent>(RoundDissent.StreamId(room.Round.RoundId));
        System.Text.Json.JsonSerializer.Serialize(stored).ShouldNotContain(story.Objector.ToString());
        stored!.Objections.Single().Reason.Subject.ShouldNotBe(story.Objector);
    }

    [Fact]
    public async Task an_auditor_reads_sealed_until_a_grant_and_the_projector_member_reads_the_reason()
    {
        var story = await Object();
        var room = story.Room;
        var auditor = await App.ClientFor("auditor");

        (await Objections(room, auditor)).Objections.Single().ShouldSatisfyAllConditions(o => o.Reason.ShouldBe(EPI.Collab.Api.Features.Voting.ListingObjections.Objections.SealedMarker),
            o => o.State.ShouldBe(PersonalTextState.Withheld));
        var grant = await (await auditor.PostAsJsonAsync($"/api/cities/{room.Workshop.CityId}/audit/access-grants",
            new GrantAuditAccess("Complaint 2026/078: an objection was ignored", room.Workshop.Id, 15), Json.Options)).Read<GrantEnvelope>();
        (await Objections(room, auditor, grant.Value.GrantId)).Objections.Single().Reason.ShouldBe(story.Reason);
        (await Objections(room, (await room.Phone()).Http)).Objections.Single().Reason.ShouldBe(story.Reason);
    }

    private sealed record GrantEnvelope(AuditAccessGrantIssued Value, string Url);

    [Fact]
    public async Task objections_of_a_round_whose_results_are_hidden_are_hidden_until_it_closes()
    {
        var room = await VotingRoom.Open(App, new RoundRules(VotingMethod.Consent, ResultsVisibility.HiddenUntilClose, true, Secret: true));
        await (await room.Phone()).VoteOk(new BallotMark(room.Option(0), -1, Reason: "Too early"));

        var response = await room.Workshop.Staff.GetAsync($"{room.RoundUrl}/objections");

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await response.Content.ReadAsStringAsync()).ShouldContain("results-hidden");
    }

    [Fact]
    public async Task after_erasure_the_reason_reads_erased_and_no_table_holds_it()
    {
        var story = await Object();
        var room = story.Room;

        (await (await App.ClientFor("coordinator.cluj")).PostAsJsonAsync($"/api/cities/{room.Workshop.CityId}/subjects/{story.Objector}/erasure",
            new EraseSubject(ErasureGround.ConsentWithdrawn, true), Json.Options)).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await Objections(room, room.Workshop.Staff)).Objections.Single().ShouldSatisfyAllConditions(
            o => o.Reason.ShouldBe(PersonalText.ErasedMarker), o => o.State.ShouldBe(PersonalTextState.Erased));
        (await (await room.Workshop.Staff.GetAsync($"{room.Workshop.Url}/decisions/{story.Decision}")).Read<DecisionRecord>())
            .Objections!.Single().Reason.ShouldBe(PersonalText.ErasedMarker);
        (await TablesContaining(story.Marker)).ShouldBeEmpty();
    }

    [Fact]
    public async Task an_assisted_objection_needs_the_language_of_its_reason()
    {
        var room = await VotingRoom.Open(App, new RoundRules(VotingMethod.Consent, ResultsVisibility.Live, true, Secret: false));

        var refused = await room.Workshop.Staff.PostAsJsonAsync($"{room.RoundUrl}/assisted-ballots",
            new CastAssistedBallot(StakeholderGroup.Resident, [new BallotMark(room.Option(0), -1, Reason: "No bus at night")]), Json.Options);
        var accepted = await room.Workshop.Staff.PostAsJsonAsync($"{room.RoundUrl}/assisted-ballots",
            new CastAssistedBallot(StakeholderGroup.Resident, [new BallotMark(room.Option(0), -1, Reason: "No bus at night")], "ro"), Json.Options);

        (await refused.Read400()).Errors.Keys.ShouldBe(["reasonLang"]);
        accepted.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Objections(room, room.Workshop.Staff)).Objections.Single().ShouldSatisfyAllConditions(o => o.Reason.ShouldBe("No bus at night"),
            o => o.Lang.ShouldBe("ro"));
    }
}
