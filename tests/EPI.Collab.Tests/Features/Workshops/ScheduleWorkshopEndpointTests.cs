using System.Net;
using System.Net.Http.Json;
using System.Text;
using EPI.Collab.Api.Features.Workshops;
using EPI.Collab.Api.Features.Workshops.ListingWorkshops;
using Marten;
using Microsoft.AspNetCore.Mvc;

namespace EPI.Collab.Tests.Features.Workshops;

public class ScheduleWorkshopEndpointTests(AppFixture app) : IntegrationTest(app)
{
    private async Task<long> EventCount()
    {
        await using var session = App.Store.QuerySession();
        return await session.Events.QueryAllRawEvents().Where(e => e.AnyTenant()).CountAsync();
    }

    [Fact]
    public async Task a_facilitator_schedules_a_workshop_in_their_city_and_it_is_listed()
    {
        var facilitator = await App.ClientFor("facilitator.cluj");

        var response = await facilitator.Schedule("cluj-napoca", Scenarios.RoundTable("RT2"));

        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        var id = (await response.Content.ReadFromJsonAsync<Scenarios.Created>(Json.Options))!.Value;
        response.Headers.Location!.ToString().ShouldBe($"/api/cities/cluj-napoca/workshops/{id}");

        var listed = await facilitator.GetFromJsonAsync<List<CityWorkshop>>("/api/cities/cluj-napoca/workshops", Json.Options);
        listed!.Single().ShouldSatisfyAllConditions(
            w => w.Id.ShouldBe(id), w => w.Title.ShouldBe("RT2"), w => w.Status.ShouldBe(WorkshopStatus.Scheduled),
            w => w.Kind.ShouldBe(WorkshopKind.PolicyDesignRoundTable));
        (await facilitator.GetFromJsonAsync<CityWorkshop>(response.Headers.Location, Json.Options))!.Id.ShouldBe(id);
    }

    [Fact]
    public async Task the_workshop_lives_in_its_city_tenant_only()
    {
        var id = await (await App.ClientFor("facilitator.cluj")).ScheduleOk("cluj-napoca");

        await using (var cluj = App.Store.QuerySession("cluj-napoca"))
            (await cluj.LoadAsync<CityWorkshop>(id)).ShouldNotBeNull();
        await using (var riga = App.Store.QuerySession("riga"))
            (await riga.LoadAsync<CityWorkshop>(id)).ShouldBeNull();
    }

    [Fact]
    public async Task a_facilitator_of_another_city_gets_403_and_nothing_changes()
    {
        var before = await EventCount();

        var response = await (await App.ClientFor("facilitator.cluj")).Schedule("riga", Scenarios.RoundTable());

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await EventCount()).ShouldBe(before);
    }

    [Fact]
    public async Task another_citys_workshops_cannot_be_listed()
    {
        await (await App.ClientFor("facilitator.riga")).ScheduleOk("riga");

        var response = await (await App.ClientFor("facilitator.cluj")).GetAsync("/api/cities/riga/workshops");

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task without_a_token_it_is_401()
    {
        var response = await App.Client().Schedule("cluj-napoca", Scenarios.RoundTable());

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await response.Content.ReadFromJsonAsync<ProblemDetails>(Json.Options))!.Status.ShouldBe(401);
    }

    [Theory]
    [InlineData("observer")]
    [InlineData("auditor")]
    public async Task read_only_roles_cannot_schedule(string username)
    {
        var response = await (await App.ClientFor(username)).Schedule("cluj-napoca", Scenarios.RoundTable());

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task an_auditor_reads_any_city_an_observer_does_not()
    {
        await (await App.ClientFor("facilitator.riga")).ScheduleOk("riga");

        (await (await App.ClientFor("auditor")).GetFromJsonAsync<List<CityWorkshop>>("/api/cities/riga/workshops", Json.Options))!
            .Count.ShouldBe(1);
        (await (await App.ClientFor("observer")).GetAsync("/api/cities/riga/workshops")).StatusCode
            .ShouldBe(HttpStatusCode.Forbidden);
    }

    [Theory]
    [InlineData("{\"kind\": \"POLICY_DESIGN_ROUND_TABLE\", \"title\": ")]
    [InlineData("not json at all")]
    [InlineData("{\"kind\": \"KARAOKE_NIGHT\", \"title\": \"x\", \"focusQuestion\": [], \"languages\": []}")]
    [InlineData("{\"kind\": \"POLICY_DESIGN_ROUND_TABLE\", \"title\": 42}")]
    [InlineData("null")]
    public async Task unreadable_bodies_are_400_problems_and_change_nothing(string body)
    {
        var before = await EventCount();
        var client = await App.ClientFor("facilitator.cluj");

        var response = await client.PostAsync("/api/cities/cluj-napoca/workshops",
            new StringContent(body, Encoding.UTF8, "application/json"));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await EventCount()).ShouldBe(before);
    }

    [Fact]
    public async Task invalid_fields_are_a_400_naming_each_field()
    {
        var response = await (await App.ClientFor("facilitator.cluj")).Schedule("cluj-napoca",
            Scenarios.RoundTable() with { Title = "", Languages = ["xx"] });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = (await response.Content.ReadFromJsonAsync<ValidationProblemDetails>(Json.Options))!;
        problem.Errors.Keys.ShouldBe(["title", "languages[0]"], ignoreOrder: true);
    }

    [Fact]
    public async Task an_unknown_city_is_404_even_for_an_admin()
    {
        var response = await (await App.ClientFor("admin")).Schedule("atlantis", Scenarios.RoundTable());

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }
}
