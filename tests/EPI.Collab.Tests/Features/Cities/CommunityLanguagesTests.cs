using System.Net;
using System.Net.Http.Json;
using EPI.Collab.Api.Features.Cities.GettingProfiles;
using EPI.Collab.Api.Features.Cities.ListingLanguages;
using EPI.Collab.Api.Features.Workshops.Scheduling;
using EPI.Collab.Tests.Features.Proposals;
using EPI.Collab.Tests.Features.Workshops;
using EPI.Collab.Api.Features.Live;

namespace EPI.Collab.Tests.Features.Cities;

/// <summary>A city lists its newcomers' languages; its workshops run in English, its official and those languages only.</summary>
public class CommunityLanguagesTests(AppFixture app) : IntegrationTest(app)
{
    private const string Url = "/api/cities/cluj-napoca/community-languages";

    private async Task<CityProfile> Cluj() => (await App.Client().GetFromJsonAsync<CityProfile>("/api/cities/cluj-napoca", Json.Options))!;

    [Fact]
    public async Task city_staff_list_the_community_languages_and_the_profile_and_city_feed_show_them()
    {
        var coordinator = await App.ClientFor("coordinator.cluj");
        var before = await Cluj();

        var listed = await (await coordinator.PostAsJsonAsync(Url, new ListCommunityLanguages(before.Version, ["uk", "ar", "ru"]), Json.Options))
            .Read<CityProfile>();

        listed.Facts.CommunityLanguages.ShouldBe(["uk", "ar", "ru"]);
        var after = await Cluj();
        after.Facts.CommunityLanguages.ShouldBe(["uk", "ar", "ru"]);
        after.Version.ShouldBe(before.Version + 1);
        after.Facts.OfficialLanguages.ShouldBe(["ro", "hu"]);
        await App.RelaySettled();
        var feed = await (await coordinator.GetAsync("/api/cities/cluj-napoca/feed?after=0")).Content.ReadAsStringAsync();
        feed.ShouldContain("community-languages-listed");
    }

    [Fact]
    public async Task unknown_official_or_repeated_languages_are_field_errors_and_change_nothing()
    {
        var coordinator = await App.ClientFor("coordinator.cluj");
        var before = await Cluj();

        var response = await coordinator.PostAsJsonAsync(Url, new ListCommunityLanguages(before.Version, ["uk", "Klingon", "ro", "uk"]), Json.Options);

        // The contract's rules (a known tag, no repeats) are checked at the door; an official language after it.
        var problem = await response.Read400();
        problem.Errors.Keys.ShouldBe(["languages[1]", "languages[3]"], ignoreOrder: true);
        problem = await (await coordinator.PostAsJsonAsync(Url, new ListCommunityLanguages(before.Version, ["uk", "ro"]), Json.Options)).Read400();
        problem.Errors.Keys.ShouldBe(["languages[1]"]);
        (await Cluj()).Facts.CommunityLanguages.ShouldBe(before.Facts.CommunityLanguages);
        (await coordinator.PostAsJsonAsync(Url, new ListCommunityLanguages(before.Version + 5, ["uk"]), Json.Options))
            .StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await (await App.ClientFor("facilitator.riga")).PostAsJsonAsync(Url, new ListCommunityLanguages(before.Version, ["uk"]), Json.Options))
            .StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task a_workshop_picks_its_session_languages_from_the_citys_own_list()
    {
        var facilitator = await App.ClientFor("facilitator.cluj");
        var refused = await facilitator.Schedule("cluj-napoca", Scenarios.RoundTable() with { Languages = ["ro", "uk", "ar"] });

        var problem = await refused.Read400();
        problem.Errors.Keys.ShouldBe(["languages[1]"], "Ukrainian is no language of Cluj-Napoca yet; Arabic is a community language");
        (await refused.Content.ReadAsStringAsync()).ShouldContain("language-not-in-city");

        var coordinator = await App.ClientFor("coordinator.cluj");
        var city = await Cluj();
        (await coordinator.PostAsJsonAsync(Url, new ListCommunityLanguages(city.Version, [.. city.Facts.CommunityLanguages, "uk"]), Json.Options))
            .EnsureSuccessStatusCode();

        var id = await facilitator.ScheduleOk("cluj-napoca", Scenarios.RoundTable() with { Languages = ["ro", "hu", "uk", "ar", "en"] });
        await App.RelaySettled();
        var board = await (await facilitator.GetAsync($"/api/cities/cluj-napoca/workshops/{id}/board")).Read<EPI.Collab.Api.Features.Live.WorkshopBoard>();
        board.Languages.ShouldBe(["ro", "hu", "uk", "ar", "en"]);
    }

    [Fact]
    public void session_languages_are_english_then_official_then_community()
    {
        var city = new CityProfile(Guid.Empty, "x", EPI.Collab.Api.Features.Cities.Registering.EpiCities.All.Single(c => c.CityId == "cluj-napoca").Facts,
            DateTimeOffset.UnixEpoch);
        city.SessionLanguages.ShouldBe(["en", "ro", "hu", "fr", "ar"]);
        (Scenarios.RoundTable() with { Languages = ["tlh"] }).CheckFor(city).IsValid.ShouldBeFalse();
        (Scenarios.RoundTable() with { Languages = ["ar", "hu"] }).CheckFor(city).IsValid.ShouldBeTrue();
    }
}
