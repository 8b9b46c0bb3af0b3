using System.Net;
using System.Net.Http.Json;
using System.Text;
using EPI.Collab.Api.Features.Participants;
using EPI.Collab.Api.Features.Participants.Joining;
using EPI.Collab.Api.Features.Strategies;
using EPI.Collab.Api.Features.Strategies.GettingDetails;
using EPI.Collab.Api.Features.Transfer.ImportingTemplate;
using EPI.Collab.Api.Features.Transfer.MethodTemplates;
using EPI.Collab.Api.Features.Workshops;
using EPI.Collab.Api.Features.Workshops.ListingWorkshops;
using EPI.Collab.Tests.Features.Proposals;
using EPI.Collab.Tests.Features.Strategies;
using EPI.Collab.Tests.Features.Workshops;

namespace EPI.Collab.Tests.Features.Transfer;

public class MethodTemplateTests(AppFixture app) : IntegrationTest(app)
{
    private const string Cluj = "cluj-napoca";
    private const string Riga = "riga";
    private const string DisplayName = "Ana Popescu";

    /// <summary>Cluj runs a round table with a named participant and a proposal, and drafts a strategy with one measure.</summary>
    private async Task<(string Json, Guid ParticipantId, Measure Measure)> ClujExport()
    {
        var workshop = await App.OpenRoundTable();
        var joined = await (await App.Client().Join(Cluj, workshop.Id, new JoinWorkshop(workshop.JoinCode, StakeholderGroup.Resident, "ro", DisplayName)))
            .Read<Joined>();
        await App.Client(joined.AccessToken).SubmitOk(workshop);
        var strategy = await StrategyUnderWay.Start(App);
        var objective = Items.Objective();
        var measure = Items.Measure(objective.Id);
        await strategy.Revise(strategy.Revision(Items.Add(objective), Items.Add(measure), Items.Add(Items.Indicator(measureId: measure.Id))));
        var json = await (await (await App.ClientFor("coordinator.cluj")).GetAsync($"/api/cities/{Cluj}/method-template")).Content.ReadAsStringAsync();
        return (json, joined.ParticipantId, measure);
    }

    private Task<HttpResponseMessage> Import(HttpClient client, string json) =>
        client.PostAsync($"/api/cities/{Riga}/method-template/import", new StringContent(json, Encoding.UTF8, "application/json"));

    [Fact]
    public async Task the_export_holds_the_method_and_no_people_proposals_budgets_or_organisations()
    {
        var (json, participantId, measure) = await ClujExport();

        json.ShouldContain("\"templateVersion\":1");
        json.ShouldContain("\"kind\":\"POLICY_DESIGN_ROUND_TABLE\"");
        json.ShouldContain("\"type\":\"BRAINSTORM\"");
        json.ShouldContain("\"title\":\"EPI One-Stop-Shop\"");
        json.ShouldContain("\"proposals\":\"<5\"");
        json.ShouldNotContain(participantId.ToString());
        json.ShouldNotContain(DisplayName);
        json.ShouldNotContain(ProposalScenarios.Idea);
        json.ShouldNotContain(measure.LeadOrganisationId.ToString());
        json.ShouldNotContain("40000");
        json.ShouldNotContain("participant", Case.Insensitive);
    }

    [Fact]
    public async Task riga_imports_the_cluj_template_and_has_a_scheduled_workshop_and_a_drafted_strategy()
    {
        var (json, _, _) = await ClujExport();
        var riga = await App.ClientFor("coordinator.riga");

        var imported = await (await Import(riga, json)).Read<MethodTemplateImport>();

        imported.ShouldSatisfyAllConditions(i => i.WorkshopIds.Count.ShouldBe(1), i => i.StrategyId.ShouldBe(StrategyStream.Id(Riga)),
            i => i.Strategy.ShouldBeNull());
        var workshops = await (await riga.GetAsync($"/api/cities/{Riga}/workshops")).Read<List<CityWorkshop>>();
        workshops.Single().ShouldSatisfyAllConditions(w => w.Id.ShouldBe(imported.WorkshopIds[0]), w => w.Status.ShouldBe(WorkshopStatus.Scheduled),
            w => w.CityId.ShouldBe(Riga));
        var strategy = await (await riga.GetAsync($"/api/cities/{Riga}/strategy")).Read<StrategyDetails>();
        strategy.ShouldSatisfyAllConditions(s => s.Status.ShouldBe(StrategyStatus.Draft), s => s.Revisions.Count.ShouldBe(1));
    }

    [Fact]
    public async Task a_second_import_reports_the_existing_strategy_as_a_409_and_imports_the_rest()
    {
        var (json, _, _) = await ClujExport();
        var riga = await App.ClientFor("coordinator.riga");
        (await Import(riga, json)).EnsureSuccessStatusCode();

        var again = await (await Import(riga, json)).Read<MethodTemplateImport>();

        again.ShouldSatisfyAllConditions(i => i.WorkshopIds.Count.ShouldBe(1), i => i.StrategyId.ShouldBeNull(), i => i.Strategy!.Status.ShouldBe(409));
        (await (await riga.GetAsync($"/api/cities/{Riga}/workshops")).Read<List<CityWorkshop>>()).Count.ShouldBe(2);
    }

    [Fact]
    public async Task a_wrong_template_version_is_a_400_and_other_cities_staff_are_refused()
    {
        var riga = await App.ClientFor("coordinator.riga");
        var wrong = System.Text.Json.JsonSerializer.Serialize(MethodTemplate.Example with { TemplateVersion = 7 }, Json.Options);

        var response = await Import(riga, wrong);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).ShouldContain("\"templateVersion\"");
        (await (await App.ClientFor("coordinator.cluj")).PostAsJsonAsync($"/api/cities/{Riga}/method-template/import", MethodTemplate.Example, Json.Options))
            .StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await riga.GetAsync($"/api/cities/{Cluj}/method-template")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }
}
