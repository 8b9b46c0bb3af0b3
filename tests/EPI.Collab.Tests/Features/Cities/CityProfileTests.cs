using System.Net;
using System.Net.Http.Json;
using EPI.Collab.Api.Features.Cities.GettingProfiles;
using EPI.Collab.Api.Features.ReferenceData;
using Microsoft.AspNetCore.Mvc;

namespace EPI.Collab.Tests.Features.Cities;

public class CityProfileTests(AppFixture app) : IntegrationTest(app)
{
    [Fact]
    public async Task the_seven_cities_are_public_without_login()
    {
        var cities = (await App.Client().GetFromJsonAsync<List<CityProfile>>("/api/cities", Json.Options))!;

        cities.Select(c => c.CityId).ShouldBe(
            ["cartagena", "cluj-napoca", "dietzenbach", "linkoping", "lublin", "ravenna", "riga"]);
        cities.ShouldAllBe(c => c.Facts.Population > 0 && c.Facts.PopulationYear > 2000 && c.Facts.PopulationSource != null);
    }

    [Fact]
    public async Task one_city_profile_keeps_its_local_name_and_languages()
    {
        var riga = await App.Client().GetFromJsonAsync<CityProfile>("/api/cities/riga", Json.Options);

        riga!.Facts.LocalName.ShouldBe("Rīga");
        riga.Facts.TimeZone.ShouldBe("Europe/Riga");
        riga.Facts.OfficialLanguages.ShouldBe(["lv"]);
    }

    [Fact]
    public async Task an_unknown_city_is_a_404_problem()
    {
        var response = await App.Client().GetAsync("/api/cities/atlantis");

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await response.Content.ReadFromJsonAsync<ProblemDetails>(Json.Options))!.Detail!.ShouldContain("atlantis");
    }

    [Fact]
    public async Task seeding_twice_registers_nothing_new()
    {
        (await EPI.Collab.Api.Features.Cities.Registering.RegisterCity.SeedAsync(App.Store, DateTimeOffset.UtcNow)).ShouldBe(0);
        (await App.Client().GetFromJsonAsync<List<CityProfile>>("/api/cities", Json.Options))!.Count.ShouldBe(7);
    }

    [Fact]
    public async Task the_icc_policy_areas_are_public()
    {
        var areas = (await App.Client().GetFromJsonAsync<List<PolicyArea>>("/api/policy-areas", Json.Options))!;

        areas.Count(a => a.ParentCode is null).ShouldBe(12);
        areas.Where(a => a.ParentCode == "LENS").Select(a => a.Code)
            .ShouldBe(["EDU", "NEIGH", "PUBSERV", "BUS", "CULT", "PUBSPACE"], ignoreOrder: true);
        areas.Where(a => a.Optional).Select(a => a.Code).ShouldBe(["PART", "INTER"], ignoreOrder: true);
    }
}
