using System.Net;
using System.Net.Http.Json;
using EPI.Collab.Api.Features.Participants;
using EPI.Collab.Api.Features.Participants.Joining;
using EPI.Collab.Tests.Features.Workshops;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Microsoft.IdentityModel.JsonWebTokens;

namespace EPI.Collab.Tests.Features.Participants;

public class JoinWorkshopTests(AppFixture app) : IntegrationTest(app)
{
    [Fact]
    public async Task a_phone_joins_without_an_account_and_gets_a_token_for_that_workshop_only()
    {
        var workshop = await App.OpenRoundTable();

        var joined = await workshop.JoinPhone(StakeholderGroup.MigrantLedOrganisation, "ro");

        joined.Rejoined.ShouldBeFalse();
        joined.Group.ShouldBe(StakeholderGroup.MigrantLedOrganisation);
        var token = new JsonWebToken(joined.AccessToken);
        token.GetClaim("role").Value.ShouldBe("participant");
        token.GetClaim("workshop").Value.ShouldBe(workshop.Id.ToString());
        token.GetClaim("city").Value.ShouldBe("cluj-napoca");
        token.GetClaim("sub").Value.ShouldBe(joined.ParticipantId.ToString());
        (await workshop.Board()).ParticipantCount.ShouldBe(1);
    }

    [Fact]
    public async Task a_device_presenting_its_token_again_is_the_same_participant()
    {
        var workshop = await App.OpenRoundTable();
        var first = await workshop.JoinPhone();

        var again = await workshop.JoinPhone(token: first.AccessToken);

        again.Rejoined.ShouldBeTrue();
        again.ParticipantId.ShouldBe(first.ParticipantId);
        (await workshop.Board()).ParticipantCount.ShouldBe(1);
    }

    [Fact]
    public async Task the_display_name_stays_out_of_the_event_log()
    {
        var workshop = await App.OpenRoundTable();
        var phone = App.Client();

        var joined = await (await phone.Join(workshop.CityId, workshop.Id,
            new JoinWorkshop(workshop.JoinCode, StakeholderGroup.Resident, "en", "Ana Popescu"))).Read<Joined>();

        await using var session = App.Store.QuerySession(workshop.CityId);
        var events = await session.Events.FetchStreamAsync(joined.ParticipantId);
        events.ShouldHaveSingleItem();
        System.Text.Json.JsonSerializer.Serialize(events[0].Data).ShouldNotContain("Popescu");
        var stored = (await session.LoadAsync<ParticipantProfile>(joined.ParticipantId))!.DisplayName!;
        stored.ShouldSatisfyAllConditions(d => d.Subject.ShouldBe(joined.ParticipantId), d => d.Sealed.ShouldNotBeNull(),
            // The whole name with its space: a base64 ciphertext never holds a space, but it may hold "Ana" by chance (it did once).
            d => d.Sealed!.ShouldNotContain("Ana Popescu"), d => d.Sealed!.ShouldStartWith("v1:"), d => d.Text.ShouldBeNull());
    }

    [Fact]
    public async Task a_wrong_code_or_bad_fields_are_400_with_field_errors()
    {
        var workshop = await App.OpenRoundTable();

        var response = await App.Client().Join(workshop.CityId, workshop.Id,
            new JoinWorkshop("XXXXXX", StakeholderGroup.Resident, "tlh", new string('a', 61)));
        var unknownGroup = await App.Client().Join(workshop.CityId, workshop.Id, new JoinWorkshop(workshop.JoinCode, (StakeholderGroup)42, "en"));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        unknownGroup.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var body = await response.Content.ReadAsStringAsync();
        body.ShouldContain("preferredLanguage");
        body.ShouldContain("displayName");
    }

    [Fact]
    public async Task a_join_without_a_group_is_400_and_nobody_is_counted()
    {
        var workshop = await App.OpenRoundTable();

        var missing = await App.Client().PostAsJsonAsync($"/api/cities/{workshop.CityId}/workshops/{workshop.Id}/participants",
            new { joinCode = workshop.JoinCode, preferredLanguage = "en" }, Json.Options);
        var nullGroup = await App.Client().PostAsJsonAsync($"/api/cities/{workshop.CityId}/workshops/{workshop.Id}/participants",
            new { joinCode = workshop.JoinCode, group = (string?)null, preferredLanguage = "en" }, Json.Options);

        foreach (var response in new[] { missing, nullGroup })
        {
            response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
            var problem = await response.Content.ReadAsStringAsync();
            problem.ShouldContain("\"group\"");
            problem.ShouldContain("group-required");
        }
        (await workshop.Board()).ParticipantCount.ShouldBe(0);
    }

    [Fact]
    public async Task a_code_for_another_workshop_does_not_let_you_in()
    {
        var first = await App.OpenRoundTable();
        var second = await App.OpenRoundTable();

        var response = await App.Client().Join(second.CityId, second.Id, new JoinWorkshop(first.JoinCode, StakeholderGroup.Business, "en"));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).ShouldContain("joinCode");
    }

    [Fact]
    public async Task a_participant_of_one_workshop_cannot_read_another()
    {
        var mine = await App.OpenRoundTable();
        var other = await App.OpenRoundTable();
        var phone = App.Client((await mine.JoinPhone()).AccessToken);
        await mine.Board(); // the relay writes the board asynchronously: without this wait the read below raced it (404)

        (await phone.GetAsync(mine.Url + "/board")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await phone.GetAsync(other.Url + "/board")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await phone.GetAsync(other.Url + "/feed")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await phone.GetAsync("/api/cities/cluj-napoca/workshops")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task an_unknown_code_is_a_404_problem()
    {
        var response = await App.Client().GetAsync("/api/join/ACEACE");

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }
}
