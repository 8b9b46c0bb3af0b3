using System.Net.Http.Json;
using System.Text.RegularExpressions;
using EPI.Collab.Api.Features.Organisations;
using EPI.Collab.Api.Features.Organisations.Registering;
using EPI.Collab.Api.Features.ReferenceData;
using EPI.Collab.Api.Features.Reviews.Starting;
using EPI.Collab.Api.Features.Strategies;
using EPI.Collab.Api.Features.Transfer;
using EPI.Collab.Tests.Features.Strategies;
using EPI.Collab.Tests.Features.Workshops;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace EPI.Collab.Tests.Web;

/// <summary>
/// Issue #17, the rest of the workspace in headless Chromium: the revision editor changes every field of an objective, a measure
/// and an indicator (the diff preview names each item and each changed field, and the adopted strategy has the new values);
/// a transfer activity is corrected in its form; a write by another client reaches the pickers live, without a reload and
/// without losing what is being typed.
/// </summary>
[Trait(Lane.Name, Lane.Browser)]
public class WorkspaceEditingInBrowserTests(AppFixture app, Browser chromium, ITestOutputHelper output) : IntegrationTest(app), IClassFixture<Browser>
{
    static WorkspaceEditingInBrowserTests() => SetDefaultExpectTimeout(20_000);

    private const string City = "/api/cities/cluj-napoca";
    private int _saves;
    private static LocatorGetByLabelOptions Exact => new() { Exact = true };

    private async Task Saved(IPage page) =>
        await Expect(page.Locator("#status")).ToHaveTextAsync(new Regex($@"\({++_saves}\)$"));

    private async Task<IPage> SignedIn(string hash)
    {
        var page = await (await chromium.Context(App)).NewPageAsync();
        await page.GotoAsync($"/workspace.html#{hash}");
        await WebChecks.SignIn(page, "coordinator.cluj", "demo-coordinator");
        await Expect(page.Locator("body")).ToHaveAttributeAsync("data-ready", hash);
        await Expect(page.Locator("#connection")).ToHaveAttributeAsync("data-state", "live");
        return page;
    }

    private static async Task<Organisation> Register(HttpClient api, string name)
    {
        var created = await (await api.PostAsJsonAsync($"{City}/organisations",
            new RegisterOrganisation(name, OrganisationType.Cso, OrganisationLevel.Local), Json.Options)).Read<Scenarios.Created>();
        return await (await api.GetAsync($"{City}/organisations/{created.Value}")).Read<Organisation>();
    }

    [Fact]
    public async Task the_revision_editor_changes_every_field_of_an_objective_a_measure_and_an_indicator_and_the_diff_names_each()
    {
        var decision = await RecordedDecision.Record(App);
        var origin = decision.Room.Proposals[0];
        var strategy = await StrategyUnderWay.Start(App);
        var lead = await Register(strategy.Staff, "Cluj Welcome Centre");
        var partner = await Register(strategy.Staff, "Migrant Voices Cluj");
        var objective = Items.Objective();
        var measure = Items.Measure(objective.Id) with { LeadOrganisationId = lead.Id };
        var indicator = Items.Indicator(measureId: measure.Id);
        (strategy, _) = await strategy.Revise(strategy.Revision(Items.Add(objective), Items.Add(measure), Items.Add(indicator)));

        var page = await SignedIn("strategy");

        var o = page.Locator("#edit-objective-change");
        await Expect(o.GetByLabel("Statement", Exact)).ToHaveValueAsync("Newcomers reach all services through one door.");
        await o.GetByLabel("Statement", Exact).FillAsync("Every newcomer reaches every service through one door.");
        await o.GetByLabel("Areas", Exact).SelectOptionAsync(["BUS", "WELC"]);
        await o.GetByLabel("EPI themes", Exact).SelectOptionAsync(["INCLUSION", "LABOUR_MARKET"]);
        await o.Locator("button[type=submit]").ClickAsync();

        var m = page.Locator("#edit-measure-change");
        await Expect(m.GetByLabel("Title", Exact)).ToHaveValueAsync("EPI One-Stop-Shop");
        await Expect(m.GetByLabel("Milestones", Exact)).ToHaveValueAsync("2021-04-01 Desk opens");
        await m.GetByLabel("Title", Exact).FillAsync("One-Stop-Shop and mobile desk");
        await m.GetByLabel("Description", Exact).FillAsync("A desk that also visits the neighbourhoods.");
        await m.GetByLabel("Lead organisation", Exact).SelectOptionAsync(partner.Id.ToString());
        await m.GetByLabel("Partner organisations", Exact).SelectOptionAsync([lead.Id.ToString()]);
        await m.GetByLabel("Target groups", Exact).FillAsync("REFUGEES, WOMEN");
        await m.GetByLabel("Start", Exact).FillAsync("2021-04-01");
        await m.GetByLabel("End", Exact).FillAsync("2022-06-30");
        await m.GetByLabel("Milestones", Exact).FillAsync("2021-04-01 Desk opens\n2021-10-01 Mobile desk starts");
        await m.GetByLabel("Budget (EUR)", Exact).FillAsync("55000");
        await m.GetByLabel("Source", Exact).SelectOptionAsync("MUNICIPAL");
        await m.GetByLabel("A pilot", Exact).UncheckAsync();
        await m.GetByLabel("Proposals it came from", Exact).SelectOptionAsync([origin.ToString()]);
        await m.Locator("button[type=submit]").ClickAsync();

        var i = page.Locator("#edit-indicator-change");
        await Expect(i.GetByLabel("Target", Exact)).ToHaveValueAsync("1000");
        await i.GetByLabel("On", Exact).SelectOptionAsync($"O:{objective.Id}");
        await i.GetByLabel("Name", Exact).FillAsync("Newcomers served");
        await i.GetByLabel("Type", Exact).SelectOptionAsync("OUTCOME");
        await i.GetByLabel("Unit", Exact).FillAsync("people");
        await i.GetByLabel("Baseline", Exact).FillAsync("50");
        await i.GetByLabel("Baseline date", Exact).FillAsync("2021-02-01");
        await i.GetByLabel("Target", Exact).FillAsync("1500");
        await i.GetByLabel("Target date", Exact).FillAsync("2022-06-30");
        await i.GetByLabel("Frequency", Exact).SelectOptionAsync("MONTHLY");
        await i.Locator("button[type=submit]").ClickAsync();

        // The preview names each item and lists each changed field with its value before and after.
        var preview = page.Locator("#revision-preview");
        await Expect(preview.Locator("tbody tr")).ToHaveCountAsync(3);
        await Expect(preview.Locator(".diff-name")).ToHaveTextAsync(
            ["Every newcomer reaches every service through one door.", "One-Stop-Shop and mobile desk", "Newcomers served"]);
        async Task Fields(int row, params string[] fields) => await Expect(preview.Locator("tbody tr").Nth(row).Locator(".diff-fields code"))
            .ToHaveTextAsync(fields.Select(f => new Regex($"^{Regex.Escape(f)}$")).ToArray(), new() { UseInnerText = true });
        await Fields(0, "statement[en]", "policyAreaCodes", "themes");
        await Fields(1, "title", "description", "leadOrganisationId", "partnerOrganisationIds", "targetGroups", "timeline.start", "timeline.end",
            "timeline.milestones", "budget.amount", "budget.source", "pilot", "originProposalIds");
        await Fields(2, "name", "type", "unit", "baseline.value", "baseline.date", "target.value", "target.date", "frequency", "objectiveId", "measureId");
        await Expect(preview.Locator("tbody tr").Nth(1)).ToContainTextAsync("40000 → 55000");
        await WebChecks.NoAxeViolations(page, "workspace-strategy-change", output);
        await preview.ScrollIntoViewIfNeededAsync();
        await WebChecks.DocScreenshot(page, "workspace-strategy-change");

        var propose = page.Locator("#revision-propose");
        await propose.GetByLabel("Reason", Exact).SelectOptionAsync("MONITORING_FINDING");
        await propose.GetByLabel("Summary", Exact).FillAsync("Mid-term review: a mobile desk");
        await propose.Locator("button[type=submit]").ClickAsync();
        await Saved(page);
        (await strategy.Details()).Revisions.Single(r => r.IsPending).Changes.Select(c => c.Kind)
            .ShouldBe([ChangeKind.UpdateObjective, ChangeKind.UpdateMeasure, ChangeKind.UpdateIndicator]);
        await page.ClickAsync("#strategy-adopt button[type=submit]");
        await Saved(page);

        var doc = (await strategy.Details()).Document;
        doc.Objectives.Single().ShouldSatisfyAllConditions(x => x.Statement.ShouldBe([new LocalizedText("en", "Every newcomer reaches every service through one door.")]),
            x => x.PolicyAreaCodes.ShouldBe(["BUS", "WELC"], ignoreOrder: true), x => x.Themes.ShouldBe([Api.Features.Strategies.EpiTheme.Inclusion, Api.Features.Strategies.EpiTheme.LabourMarket], ignoreOrder: true));
        doc.Measures.Single().ShouldSatisfyAllConditions(x => x.Title.ShouldBe("One-Stop-Shop and mobile desk"),
            x => x.Description.ShouldBe("A desk that also visits the neighbourhoods."), x => x.LeadOrganisationId.ShouldBe(partner.Id),
            x => x.PartnerOrganisationIds.ShouldBe([lead.Id]), x => x.TargetGroups.ShouldBe(["REFUGEES", "WOMEN"]),
            x => x.Timeline.ShouldBe(new Timeline(new DateOnly(2021, 4, 1), new DateOnly(2022, 6, 30), x.Timeline.Milestones)),
            x => x.Timeline.Milestones.ShouldBe([new Milestone("Desk opens", new DateOnly(2021, 4, 1)), new Milestone("Mobile desk starts", new DateOnly(2021, 10, 1))]),
            x => x.Budget.ShouldBe(new Budget(55000m, "EUR", BudgetSource.Municipal)), x => x.Pilot.ShouldBeFalse(), x => x.OriginProposalIds.ShouldBe([origin]));
        doc.Indicators.Single().ShouldBe(new Indicator(indicator.Id, "Newcomers served", IndicatorType.Outcome, "people", new Measurement(50m, new DateOnly(2021, 2, 1)),
            new Measurement(1500m, new DateOnly(2022, 6, 30)), IndicatorFrequency.Monthly, objective.Id, null));
        await Expect(page.Locator("#strategy-document")).ToContainTextAsync("One-Stop-Shop and mobile desk");
        await Expect(page.Locator("#revision-diff-table .diff-name")).ToHaveTextAsync(
            ["Every newcomer reaches every service through one door.", "One-Stop-Shop and mobile desk", "Newcomers served"]);
        await WebChecks.NoAxeViolations(page, "workspace-strategy-compare", output);
    }

    [Fact]
    public async Task a_transfer_activity_is_corrected_in_its_form_and_the_api_has_the_new_values()
    {
        var api = await App.ClientFor("coordinator.cluj");
        (await api.PostAsJsonAsync($"{City}/transfer/activities", new
        {
            kind = "NATIONAL_CONFERENCE", date = "2022-04-07", location = "Cluj", audienceCount = 120,
            title = new[] { new { lang = "en", text = "National conference on local integration" }, new { lang = "ro", text = "Conferința națională" } }
        }, Json.Options)).EnsureSuccessStatusCode();
        var page = await SignedIn("transfer");

        var correct = page.Locator("#transfer-correct");
        await Expect(correct.GetByLabel("Audience", Exact)).ToHaveValueAsync("120");
        await correct.GetByLabel("Kind", Exact).SelectOptionAsync("REPLICATION_WORKSHOP");
        await correct.GetByLabel("Date", Exact).FillAsync("2022-04-08");
        await correct.GetByLabel("Location", Exact).FillAsync("Cluj-Napoca, city hall");
        await correct.GetByLabel("Audience", Exact).FillAsync("134");
        await correct.GetByLabel("Title", Exact).FillAsync("Replication workshop on local integration");
        await correct.GetByLabel("Materials", Exact).FillAsync("https://epi-project.com/en/resources/ Workshop report");
        await correct.Locator("button[type=submit]").ClickAsync();
        await Saved(page);

        var activity = (await (await api.GetAsync($"{City}/transfer/activities")).Read<List<TransferActivity>>()).Single();
        activity.ShouldSatisfyAllConditions(a => a.Version.ShouldBe(2), a => a.Kind.ShouldBe(TransferActivityKind.ReplicationWorkshop),
            a => a.Date.ShouldBe(new DateOnly(2022, 4, 8)), a => a.Location.ShouldBe("Cluj-Napoca, city hall"), a => a.AudienceCount.ShouldBe(134),
            a => a.Title.ShouldBe([new LocalizedText("en", "Replication workshop on local integration"), new LocalizedText("ro", "Conferința națională")]),
            a => a.Materials.ShouldBe([new Material("Workshop report", "https://epi-project.com/en/resources/")]));
        await Expect(page.Locator("#transfer-activities tbody tr")).ToContainTextAsync("134");
        await Expect(page.Locator("#transfer-activities a")).ToHaveTextAsync("Workshop report");

        // A follower city met the method at this activity; its contact is an organisation of the city, its mentor another EPI city.
        var organisation = await Register(api, "Cluj Welcome Centre");
        var follower = page.Locator("#transfer-follower");
        await Expect(follower.GetByLabel("Contact organisation", Exact).Locator($"option[value='{organisation.Id}']")).ToHaveCountAsync(1);
        await follower.GetByLabel("Name", Exact).FillAsync("Timișoara");
        await follower.GetByLabel("Country", Exact).FillAsync("ro");
        await follower.GetByLabel("Interest", Exact).SelectOptionAsync("INTERESTED");
        await follower.GetByLabel("Methods", Exact).SelectOptionAsync(["INTERCULTURAL_REVIEW"]);
        await follower.GetByLabel("Contact organisation", Exact).SelectOptionAsync(organisation.Id.ToString());
        await follower.GetByLabel("Met the method at", Exact).SelectOptionAsync(activity.Id.ToString());
        await follower.GetByLabel("Mentor city", Exact).SelectOptionAsync("lublin");
        await follower.Locator("button[type=submit]").ClickAsync();
        await Saved(page);
        (await (await api.GetAsync($"{City}/transfer/followers")).Read<List<FollowerCity>>()).Single().ShouldSatisfyAllConditions(
            f => f.Country.ShouldBe("RO"), f => f.ContactOrganisationId.ShouldBe(organisation.Id), f => f.SourceActivityId.ShouldBe(activity.Id),
            f => f.MentorCityId.ShouldBe("lublin"), f => f.MethodsOfInterest.ShouldBe([ReplicationMethod.InterculturalReview]));

        // A material line without an address is refused in the page, and nothing changes.
        await correct.GetByLabel("Materials", Exact).FillAsync("Workshop report");
        await correct.Locator("button[type=submit]").ClickAsync();
        await Expect(page.Locator("#status")).ToHaveAttributeAsync("data-state", "error");
        (await (await api.GetAsync($"{City}/transfer/activities")).Read<List<TransferActivity>>()).Single().Version.ShouldBe(2);
        await WebChecks.NoAxeViolations(page, "workspace-transfer-correct", output);
        await correct.ScrollIntoViewIfNeededAsync();
        await WebChecks.DocScreenshot(page, "workspace-transfer-correct");
    }

    [Fact]
    public async Task a_write_by_another_client_reaches_the_pickers_live_and_what_is_being_typed_stays()
    {
        var api = await App.ClientFor("coordinator.cluj");
        (await api.PostAsJsonAsync($"{City}/reviews", new StartReview("ICC Index 2019", "2019"), Json.Options)).EnsureSuccessStatusCode();
        var page = await SignedIn("review");
        await page.EvaluateAsync("() => { window.notReloaded = true; }");
        var priority = page.Locator("#review-priority");
        await priority.GetByLabel("Rationale", Exact).FillAsync("Typed before the others wrote.");
        await priority.GetByLabel("Area", Exact).SelectOptionAsync("EDU");
        await Expect(page.Locator("#review-action").GetByLabel("Owner organisation", Exact).Locator("option")).ToHaveCountAsync(0);

        // Another client registers an organisation (a city-process event) and records a decision in a workshop (its city hears of it).
        var organisation = await Register(api, "Cluj Welcome Centre");
        var decision = await RecordedDecision.Record(App);

        await Expect(page.Locator("#review-action").GetByLabel("Owner organisation", Exact).Locator("option")).ToHaveTextAsync([organisation.Name]);
        await Expect(priority.Locator($"option[value='{decision.DecisionId}']")).ToHaveCountAsync(1);
        await Expect(priority.GetByLabel("Rationale", Exact)).ToHaveValueAsync("Typed before the others wrote.");
        await Expect(priority.GetByLabel("Area", Exact)).ToHaveValueAsync("EDU");
        (await page.EvaluateAsync<bool>("() => window.notReloaded === true")).ShouldBeTrue();

        // The freshly drawn form saves with the new decision.
        await priority.GetByLabel("Decision", Exact).SelectOptionAsync(decision.DecisionId.ToString());
        await priority.Locator("button[type=submit]").ClickAsync();
        await Saved(page);
        await Expect(page.Locator("#review-priorities tbody tr")).ToHaveCountAsync(1);
    }
}
