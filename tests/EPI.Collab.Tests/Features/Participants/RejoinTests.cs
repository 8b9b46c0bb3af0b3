using System.Net;
using System.Net.Http.Json;
using EPI.Collab.Api.Features.Participants;
using EPI.Collab.Api.Features.Participants.Joining;
using EPI.Collab.Api.Features.Participants.Rejoining;
using EPI.Collab.Api.Features.PersonalData.Erasing;
using EPI.Collab.Api.Features.ReferenceData;
using EPI.Collab.Tests.Features.Workshops;
using Marten;

namespace EPI.Collab.Tests.Features.Participants;

/// <summary>Issue #14: the rejoin credential brings a device back as the same participant; after erasure, as a new pseudonym.</summary>
public class RejoinTests(AppFixture app) : IntegrationTest(app)
{
    private static Task<HttpResponseMessage> Rejoin(HttpClient client, LiveWorkshop workshop, string secret) =>
        client.PostAsJsonAsync($"/api/cities/{workshop.CityId}/workshops/{workshop.Id}/participants/rejoin", new RejoinWorkshop(secret), Json.Options);

    private async Task<int> Participants(string city)
    {
        await using var session = App.Store.QuerySession(city);
        return await session.Query<Participant>().CountAsync();
    }

    [Fact]
    public async Task a_device_rejoining_with_its_secret_is_the_same_participant()
    {
        var workshop = await App.OpenRoundTable();
        var joined = await workshop.JoinPhone(StakeholderGroup.Business);

        var back = await (await Rejoin(App.Client(), workshop, joined.RejoinSecret!)).Read<Joined>();

        joined.RejoinSecret.ShouldNotBeNullOrWhiteSpace();
        back.ParticipantId.ShouldBe(joined.ParticipantId);
        back.Rejoined.ShouldBeTrue();
        back.Group.ShouldBe(StakeholderGroup.Business);
        (await App.Client(back.AccessToken).GetAsync($"{workshop.Url}/board")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Participants(workshop.CityId)).ShouldBe(1);
    }

    [Fact]
    public async Task an_unknown_secret_or_one_of_another_workshop_is_404_and_adds_nobody()
    {
        var workshop = await App.OpenRoundTable();
        var other = await App.OpenRoundTable();
        var joined = await workshop.JoinPhone();

        var unknown = await Rejoin(App.Client(), workshop, "not-a-secret-anyone-was-given");
        var elsewhere = await Rejoin(App.Client(), other, joined.RejoinSecret!);
        var empty = await Rejoin(App.Client(), workshop, "");

        unknown.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await unknown.Content.ReadAsStringAsync()).ShouldContain("rejoin-unknown");
        elsewhere.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        empty.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await Participants(workshop.CityId)).ShouldBe(1);
    }

    [Fact]
    public async Task after_erasure_a_rejoin_gives_a_new_pseudonym_that_can_take_part()
    {
        var workshop = await App.OpenRoundTable();
        var joined = await workshop.JoinPhone(StakeholderGroup.Resident, "pl");
        (await (await App.ClientFor("coordinator.cluj")).PostAsJsonAsync($"/api/cities/{workshop.CityId}/subjects/{joined.ParticipantId}/erasure",
            new EraseSubject(ErasureGround.ConsentWithdrawn, true), Json.Options)).EnsureSuccessStatusCode();

        var back = await (await Rejoin(App.Client(), workshop, joined.RejoinSecret!)).Read<Joined>();
        var byToken = await workshop.JoinPhone(token: joined.AccessToken);

        back.ParticipantId.ShouldNotBe(joined.ParticipantId);
        back.Rejoined.ShouldBeFalse();
        (back.Group, back.PreferredLanguage).ShouldBe((StakeholderGroup.Resident, "pl"));
        byToken.ParticipantId.ShouldNotBe(joined.ParticipantId);
        // The new pseudonym can write again (the erased one is refused with subject-erased).
        (await App.Client(back.AccessToken).PostAsJsonAsync($"{workshop.Url}/proposals",
            new { text = new LocalizedText("pl", "Kursy językowe w pracy") }, Json.Options)).StatusCode.ShouldBe(HttpStatusCode.Created);
        var again = await (await Rejoin(App.Client(), workshop, joined.RejoinSecret!)).Read<Joined>();
        again.ParticipantId.ShouldBe(back.ParticipantId);
    }
}
