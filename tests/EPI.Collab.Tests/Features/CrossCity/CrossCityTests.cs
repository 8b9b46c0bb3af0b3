using System.Net;
using System.Net.Http.Json;
using EPI.Collab.Api.Features.CrossCity;
using EPI.Collab.Api.Features.ReferenceData;
using EPI.Collab.Api.Features.Reviews;
using EPI.Collab.Api.Features.Reviews.ScoringAreas;
using EPI.Collab.Tests.Features.Reviews;
using EPI.Collab.Tests.Features.Workshops;

namespace EPI.Collab.Tests.Features.CrossCity;

public class CrossCityTests(AppFixture app) : IntegrationTest(app)
{
    private async Task<LiveReview> Scored(string staff, string cityId, int score) =>
        await (await App.StartedReview(staff, cityId)).Do("/area-scores",
            v => new RecordAreaScore(v, "BUS", score, [new LocalizedText("en", "Employers rarely recruit across languages.")]));

    [Fact]
    public async Task only_published_reviews_appear()
    {
        await (await Scored("coordinator.cluj", "cluj-napoca", 38)).AdvanceTo(ReviewStatus.Published);
        await (await Scored("coordinator.riga", "riga", 71)).AdvanceTo(ReviewStatus.Validated);

        var view = await (await (await App.ClientFor("observer")).GetAsync("/api/cross-city")).Read<CrossCityView>();

        view.Areas.Single().PolicyAreaCode.ShouldBe("BUS");
        view.Areas.Single().Cities.ShouldHaveSingleItem().ShouldSatisfyAllConditions(
            c => c.CityId.ShouldBe("cluj-napoca"), c => c.Score.ShouldBe(38));
        view.Strategies.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("admin"), InlineData("auditor"), InlineData("observer"), InlineData("coordinator.cluj"), InlineData("facilitator.riga")]
    public async Task staff_auditors_and_observers_of_any_city_may_read_it(string user) =>
        (await (await App.ClientFor(user)).GetAsync("/api/cross-city")).StatusCode.ShouldBe(HttpStatusCode.OK);

    [Fact]
    public async Task participants_and_anonymous_callers_may_not()
    {
        var workshop = await App.OpenRoundTable();
        var participant = App.Client((await workshop.JoinPhone()).AccessToken);

        (await participant.GetAsync("/api/cross-city")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await App.Client().GetAsync("/api/cross-city")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }
}
