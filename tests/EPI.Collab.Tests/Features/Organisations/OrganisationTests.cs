using System.Net;
using System.Net.Http.Json;
using EPI.Collab.Api.Features.Organisations;
using EPI.Collab.Api.Features.Organisations.Revising;
using EPI.Collab.Tests.Features.Workshops;
using Marten;

namespace EPI.Collab.Tests.Features.Organisations;

public class OrganisationTests(AppFixture app) : IntegrationTest(app)
{
    private const string Cluj = "cluj-napoca";

    private static string Url(Guid id) => $"{OrganisationScenarios.OrganisationsUrl(Cluj)}/{id}";

    [Fact]
    public async Task staff_register_and_revise_organisations_and_readers_list_them_by_name()
    {
        var staff = await App.ClientFor("coordinator.cluj");
        var jobCentre = await staff.RegisterOrganisationOk();
        var patrir = await staff.RegisterOrganisationOk(Cluj, new("PATRIR", OrganisationType.Coordinator, OrganisationLevel.National, true));

        var revised = await (await staff.PostAsJsonAsync($"{Url(jobCentre)}/revise",
            new ReviseOrganisation(1, "AJOFM Cluj", OrganisationType.PublicEmploymentService, OrganisationLevel.Local, false), Json.Options))
            .Read<Organisation>();

        revised.ShouldSatisfyAllConditions(o => o.Version.ShouldBe(2), o => o.Name.ShouldBe("AJOFM Cluj"),
            o => o.Level.ShouldBe(OrganisationLevel.Local));
        var auditor = await App.ClientFor("auditor");
        (await (await auditor.GetAsync(OrganisationScenarios.OrganisationsUrl(Cluj))).Read<List<Organisation>>()).Select(o => o.Id)
            .ShouldBe([jobCentre, patrir]);
        var json = await (await auditor.GetAsync(Url(patrir))).Content.ReadAsStringAsync();
        json.ShouldContain("\"type\":\"COORDINATOR\"");
        json.ShouldContain("\"level\":\"NATIONAL\"");
        json.ShouldContain("\"isProjectPartner\":true");
    }

    [Fact]
    public async Task an_invalid_organisation_is_a_400_and_appends_nothing()
    {
        var staff = await App.ClientFor("coordinator.cluj");

        var response = await staff.RegisterOrganisation(Cluj, new { name = " ", type = "CSO", level = "LOCAL" });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).ShouldContain("\"name\"");
        await using var session = App.Store.QuerySession(Cluj);
        (await session.Events.QueryRawEventDataOnly<OrganisationRegistered>().CountAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task other_cities_staff_and_observers_are_refused_and_auditors_only_read()
    {
        var id = await (await App.ClientFor("coordinator.cluj")).RegisterOrganisationOk();
        var riga = await App.ClientFor("coordinator.riga");
        var auditor = await App.ClientFor("auditor");

        (await riga.RegisterOrganisation(Cluj, OrganisationScenarios.JobCentre())).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await riga.GetAsync(Url(id))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await auditor.RegisterOrganisation(Cluj, OrganisationScenarios.JobCentre())).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await (await App.ClientFor("observer")).GetAsync(OrganisationScenarios.OrganisationsUrl(Cluj))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await auditor.GetAsync(Url(id))).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task a_stale_revision_is_a_409_and_an_unknown_organisation_a_404()
    {
        var staff = await App.ClientFor("coordinator.cluj");
        var id = await staff.RegisterOrganisationOk();
        var revision = new ReviseOrganisation(1, "AJOFM Cluj", OrganisationType.PublicEmploymentService, OrganisationLevel.Local, false);

        (await staff.PostAsJsonAsync($"{Url(id)}/revise", revision, Json.Options)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await staff.PostAsJsonAsync($"{Url(id)}/revise", revision with { Name = "Other" }, Json.Options)).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await staff.GetAsync(Url(Guid.CreateVersion7()))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}
