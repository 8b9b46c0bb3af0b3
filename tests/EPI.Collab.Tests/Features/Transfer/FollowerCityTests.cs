using System.Net;
using System.Net.Http.Json;
using EPI.Collab.Api.Features.Transfer;
using EPI.Collab.Api.Features.Transfer.ChangingInterest;
using EPI.Collab.Tests.Features.Workshops;

namespace EPI.Collab.Tests.Features.Transfer;

public class FollowerCityTests(AppFixture app) : IntegrationTest(app)
{
    private const string Cluj = "cluj-napoca";

    private static string Url(Guid id) => $"{TransferScenarios.FollowersUrl(Cluj)}/{id}";

    [Fact]
    public async Task a_follower_city_moves_up_and_back_one_step_at_a_time()
    {
        var staff = await App.ClientFor("coordinator.cluj");
        var source = await staff.RecordActivityOk();
        var id = await staff.RegisterFollowerOk(Cluj, TransferScenarios.Oradea(source));

        (await staff.PostAsJsonAsync($"{Url(id)}/interest", new ChangeInterestLevel(1, InterestLevel.Interested, "Asked for the review toolkit"), Json.Options))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
        (await staff.PostAsJsonAsync($"{Url(id)}/interest", new ChangeInterestLevel(2, InterestLevel.Aware, "Elections postponed the work"), Json.Options))
            .StatusCode.ShouldBe(HttpStatusCode.OK);

        var follower = await (await (await App.ClientFor("auditor")).GetAsync(Url(id))).Read<FollowerCity>();
        follower.ShouldSatisfyAllConditions(f => f.InterestLevel.ShouldBe(InterestLevel.Aware), f => f.Version.ShouldBe(3),
            f => f.MentorCityId.ShouldBe(Cluj), f => f.SourceActivityId.ShouldBe(source));
        var json = await (await staff.GetAsync(TransferScenarios.FollowersUrl(Cluj))).Content.ReadAsStringAsync();
        json.ShouldContain("\"recordKind\":\"ORGANISATION\"");
        json.ShouldContain("\"methodsOfInterest\":[\"INTERCULTURAL_REVIEW\"]");
    }

    [Fact]
    public async Task a_jump_of_two_steps_is_a_422()
    {
        var staff = await App.ClientFor("coordinator.cluj");
        var id = await staff.RegisterFollowerOk();

        var response = await staff.PostAsJsonAsync($"{Url(id)}/interest", new ChangeInterestLevel(1, InterestLevel.Committed, "Too fast"), Json.Options);

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task a_source_activity_must_be_one_of_this_city_and_the_country_a_two_letter_code()
    {
        var riga = await App.ClientFor("coordinator.riga");
        var rigaActivity = await riga.RecordActivityOk("riga");
        var staff = await App.ClientFor("coordinator.cluj");

        (await staff.RegisterFollower(Cluj, TransferScenarios.Oradea(rigaActivity))).StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await staff.RegisterFollower(Cluj, TransferScenarios.Oradea() with { Country = "Romania" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await riga.RegisterFollower(Cluj, TransferScenarios.Oradea())).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await (await App.ClientFor("observer")).GetAsync(TransferScenarios.FollowersUrl(Cluj))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }
}
