using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using EPI.Collab.Api.Features.Organisations;
using EPI.Collab.Api.Features.Pilots.GettingDetails;
using EPI.Collab.Api.Features.Reviews;
using EPI.Collab.Api.Features.Reviews.GettingDetails;
using EPI.Collab.Api.Features.Strategies.GettingDetails;
using EPI.Collab.Tests.Features.Strategies;
using EPI.Collab.Tests.Features.Workshops;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace EPI.Collab.Tests.Web;

/// <summary>
/// Issue #17 in headless Chromium: the Cluj coordinator runs the city process in the workspace page only (organisation, review to
/// publication, a priority on a round-table decision, a revision proposed and adopted, a pilot launched and observed) and the API
/// shows each step; a facilitator is refused. Every page state passes axe with no violation; first loads stay within 150 KB.
/// </summary>
[Trait(Lane.Name, Lane.Browser)]
public class WorkspaceInBrowserTests(AppFixture app, Browser chromium, ITestOutputHelper output) : IntegrationTest(app), IClassFixture<Browser>
{
    static WorkspaceInBrowserTests() => SetDefaultExpectTimeout(20_000);

    private int _saves;
    private static LocatorGetByLabelOptions Exact => new() { Exact = true };

    private async Task Saved(IPage page) =>
        await Expect(page.Locator("#status")).ToHaveTextAsync(new Regex($@"\({++_saves}\)$"));

    private async Task Tab(IPage page, string tab)
    {
        await page.ClickAsync($"#tab-{tab}");
        await Expect(page.Locator("body")).ToHaveAttributeAsync("data-ready", tab);
    }

    [Fact]
    public async Task a_coordinator_runs_review_priority_revision_adoption_pilot_and_observation_in_the_browser()
    {
        var decision = await RecordedDecision.Record(App);
        var api = await App.ClientFor("coordinator.cluj");
        const string city = "/api/cities/cluj-napoca";
        var page = await (await chromium.Context(App)).NewPageAsync();
        await page.GotoAsync("/workspace.html#organisations");
        await WebChecks.NoAxeViolations(page, "workspace-login", output);
        await WebChecks.SignIn(page, "coordinator.cluj", "demo-coordinator");
        await Expect(page.Locator("body")).ToHaveAttributeAsync("data-ready", "organisations");
        await Expect(page.Locator("#connection")).ToHaveAttributeAsync("data-state", "live");

        // Organisations: the lead of the measure and owner of the mapped action.
        var register = page.Locator("#organisation-register");
        await register.GetByLabel("Name", Exact).FillAsync("Cluj Welcome Centre");
        await register.GetByLabel("Type", Exact).SelectOptionAsync("CSO");
        await register.Locator("button[type=submit]").ClickAsync();
        await Saved(page);
        var organisation = (await (await api.GetAsync($"{city}/organisations")).Read<List<Organisation>>()).Single();
        organisation.Name.ShouldBe("Cluj Welcome Centre");
        await WebChecks.NoAxeViolations(page, "workspace-organisations", output);
        await WebChecks.DocScreenshot(page, "workspace-organisations");

        // Review: start, score an area, map and evaluate an action, publish it, prioritise an area on the round table's decision.
        await Tab(page, "review");
        await WebChecks.NoAxeViolations(page, "workspace-review-empty", output);
        await page.ClickAsync("#review-start button[type=submit]");
        await Saved(page);
        var score = page.Locator("#review-score");
        await score.GetByLabel("Area", Exact).SelectOptionAsync("BUS");
        await score.GetByLabel("Score (0–100)", Exact).FillAsync("38");
        await score.GetByLabel("Narrative", Exact).FillAsync("Few actions reach newcomers' businesses.");
        await score.GetByLabel("Recommendations", Exact).FillAsync("A business mentoring scheme.");
        await score.Locator("button[type=submit]").ClickAsync();
        await Saved(page);
        var action = page.Locator("#review-action");
        await action.GetByLabel("Title", Exact).FillAsync("Job fair for newcomers");
        await action.GetByLabel("Areas", Exact).SelectOptionAsync(["BUS"]);
        await action.GetByLabel("Start year", Exact).FillAsync("2019");
        await action.GetByLabel("Target groups", Exact).SelectOptionAsync(["TCN_NEWCOMERS"]);
        await action.Locator("button[type=submit]").ClickAsync();
        await Saved(page);
        var evaluate = page.Locator("#review-evaluate");
        foreach (var (criterion, value) in new[] { ("relevance", "4"), ("effectiveness", "3"), ("sustainability", "2"), ("interculturality", "5") })
            await evaluate.GetByLabel(criterion, Exact).FillAsync(value);
        await evaluate.Locator("button[type=submit]").ClickAsync();
        await Saved(page);
        await WebChecks.NoAxeViolations(page, "workspace-review-scored", output);
        for (var step = 0; step < 4; step++)
        {
            await page.ClickAsync("#review-advance button[type=submit]");
            await Saved(page);
        }
        await Expect(page.Locator("#review-status")).ToContainTextAsync("published");
        var priority = page.Locator("#review-priority");
        await priority.GetByLabel("Area", Exact).SelectOptionAsync("BUS");
        await priority.GetByLabel("Rationale", Exact).FillAsync("Lowest score; round table 1 chose it.");
        await priority.GetByLabel("Decision", Exact).SelectOptionAsync(decision.DecisionId.ToString());
        await priority.Locator("button[type=submit]").ClickAsync();
        await Saved(page);
        await Expect(page.Locator("#review-priorities tbody tr")).ToHaveCountAsync(1);
        var review = (await (await api.GetAsync($"{city}/reviews")).Read<List<ReviewDetails>>()).Single();
        review.ShouldSatisfyAllConditions(r => r.Status.ShouldBe(ReviewStatus.Published), r => r.AreaScores.Single().Score.ShouldBe(38),
            r => r.Actions.Single().Evaluation!.Interculturality.ShouldBe(5), r => r.PrioritisedAreas.Single().DecisionId.ShouldBe(decision.DecisionId));
        await WebChecks.NoAxeViolations(page, "workspace-review-published", output);
        await page.EvaluateAsync("() => window.scrollTo(0, 0)");
        await WebChecks.DocScreenshot(page, "workspace-review");

        // Strategy: start, build a revision (objective, pilot measure, indicator), see the named diff, propose on the decision, adopt.
        await Tab(page, "strategy");
        var start = page.Locator("#strategy-start");
        await start.GetByLabel("Title", Exact).FillAsync("Cluj-Napoca integration strategy");
        await start.GetByLabel("Vision", Exact).FillAsync("A city where newcomers belong.");
        await start.Locator("button[type=submit]").ClickAsync();
        await Saved(page);
        var objective = page.Locator("#edit-objective");
        await objective.GetByLabel("Statement", Exact).FillAsync("Newcomers start businesses.");
        await objective.GetByLabel("Areas", Exact).SelectOptionAsync(["BUS"]);
        await objective.GetByLabel("EPI themes", Exact).SelectOptionAsync(["LABOUR_MARKET"]);
        await objective.Locator("button[type=submit]").ClickAsync();
        var measure = page.Locator("#edit-measure");
        await measure.GetByLabel("Title", Exact).FillAsync("Business mentoring");
        await measure.GetByLabel("End", Exact).FillAsync("2027-12-31");
        await measure.GetByLabel("Budget (EUR)", Exact).FillAsync("25000");
        await measure.GetByLabel("A pilot", Exact).CheckAsync();
        await measure.Locator("button[type=submit]").ClickAsync();
        var indicator = page.Locator("#edit-indicator");
        await indicator.GetByLabel("Name", Exact).FillAsync("Businesses mentored");
        await indicator.GetByLabel("Unit", Exact).FillAsync("businesses");
        await indicator.GetByLabel("Baseline", Exact).FillAsync("0");
        await indicator.GetByLabel("Target", Exact).FillAsync("40");
        await indicator.GetByLabel("Target date", Exact).FillAsync("2027-12-31");
        await indicator.Locator("button[type=submit]").ClickAsync();
        var preview = page.Locator("#revision-preview");
        await Expect(preview.Locator("tbody tr")).ToHaveCountAsync(3);
        await Expect(preview.Locator(".diff-name")).ToHaveTextAsync(["Newcomers start businesses.", "Business mentoring", "Businesses mentored"]);
        await WebChecks.NoAxeViolations(page, "workspace-strategy-editor", output);
        await page.Locator("#revision-preview").ScrollIntoViewIfNeededAsync();
        await WebChecks.DocScreenshot(page, "workspace-strategy-editor");
        var propose = page.Locator("#revision-propose");
        await propose.GetByLabel("Reason", Exact).SelectOptionAsync("ROUND_TABLE_OUTCOME");
        await propose.GetByLabel("Decision", Exact).SelectOptionAsync(decision.DecisionId.ToString());
        await propose.GetByLabel("Summary", Exact).FillAsync("Round table 1: business mentoring");
        await propose.Locator("button[type=submit]").ClickAsync();
        await Saved(page);
        var proposed = await (await api.GetAsync($"{city}/strategy")).Read<StrategyDetails>();
        proposed.Revisions.Single().ShouldSatisfyAllConditions(r => r.RevisionNo.ShouldBeNull(), r => r.DecisionId.ShouldBe(decision.DecisionId),
            r => r.Changes.Count.ShouldBe(3));
        await Expect(page.Locator("#pending-diff-table .diff-name")).ToHaveTextAsync(["Newcomers start businesses.", "Business mentoring", "Businesses mentored"]);
        await WebChecks.NoAxeViolations(page, "workspace-strategy-pending", output);
        await page.ClickAsync("#strategy-adopt button[type=submit]");
        await Saved(page);
        var adopted = await (await api.GetAsync($"{city}/strategy")).Read<StrategyDetails>();
        adopted.RevisionNo.ShouldBe(1);
        adopted.Document.Measures.Single().ShouldSatisfyAllConditions(m => m.Title.ShouldBe("Business mentoring"), m => m.Pilot.ShouldBeTrue(),
            m => m.LeadOrganisationId.ShouldBe(organisation.Id));
        await Expect(page.Locator("#strategy-document")).ToContainTextAsync("Business mentoring");
        await page.EvaluateAsync("() => window.scrollTo(0, 0)");
        await WebChecks.DocScreenshot(page, "workspace-strategy");

        // Pilots: plan, launch, record an observation; the dashboard shows it against the target.
        await Tab(page, "pilots");
        var plan = page.Locator("#pilot-plan");
        await plan.GetByLabel("Title", Exact).FillAsync("Mentoring pilot");
        await plan.GetByLabel("Planned end", Exact).FillAsync("2027-12-31");
        await plan.GetByLabel("Sites", Exact).FillAsync("Casa de Cultură a Studenților\nCluj Welcome Centre");
        await plan.GetByLabel("Delivery channels", Exact).SelectOptionAsync(["IN_PERSON_DESK", "OUTREACH"]);
        await plan.Locator("button[type=submit]").ClickAsync();
        await Saved(page);
        (await (await api.GetAsync($"{city}/pilots")).Read<List<PilotDetails>>()).Single().ShouldSatisfyAllConditions(
            p => p.Sites.ShouldBe(["Casa de Cultură a Studenților", "Cluj Welcome Centre"]),
            p => p.Channels.ShouldBe([Api.Features.Pilots.DeliveryChannel.InPersonDesk, Api.Features.Pilots.DeliveryChannel.Outreach]));
        await page.ClickAsync("form[id^=pilot-launch-] button[type=submit]");
        await Saved(page);
        (await (await api.GetAsync($"{city}/pilots")).Read<List<PilotDetails>>()).Single().Status.ShouldBe(Api.Features.Pilots.PilotStatus.Launched);
        var observe = page.Locator("form[id^=pilot-observe-]");
        await observe.GetByLabel("Value", Exact).FillAsync("10");
        await observe.Locator("button[type=submit]").ClickAsync();
        await Saved(page);
        var pilot = (await (await api.GetAsync($"{city}/pilots")).Read<List<PilotDetails>>()).Single();
        pilot.Observations.Single().ShouldSatisfyAllConditions(o => o.Value.ShouldBe(10m), o => o.IndicatorId.ShouldBe(adopted.Document.Indicators.Single().Id));
        await Expect(page.Locator("#pilot-dashboard tbody tr")).ToContainTextAsync("25%");
        await WebChecks.NoAxeViolations(page, "workspace-pilots", output);
        await page.EvaluateAsync("() => window.scrollTo(0, 0)");
        await WebChecks.DocScreenshot(page, "workspace-pilots");

        foreach (var tab in new[] { "transfer", "personal", "grants" })
        {
            await Tab(page, tab);
            await WebChecks.NoAxeViolations(page, $"workspace-{tab}", output);
            await WebChecks.DocScreenshot(page, $"workspace-{tab}");
        }
    }

    [Fact]
    public async Task a_facilitator_is_refused_adoption_and_erasure_in_the_page_and_by_the_api()
    {
        var strategy = await StrategyUnderWay.Start(App);
        var proposed = await (await strategy.Propose(strategy.Revision(Items.Add(Items.Objective())))).Read<Api.Features.Strategies.StrategyChanged>();
        var page = await (await chromium.Context(App)).NewPageAsync();
        await page.GotoAsync("/workspace.html#strategy");
        await WebChecks.SignIn(page, "facilitator.cluj", "demo-facilitator");
        await Expect(page.Locator("body")).ToHaveAttributeAsync("data-ready", "strategy");

        await Expect(page.Locator("#refused")).ToBeVisibleAsync();
        await Expect(page.Locator("#pending-revisions li")).ToHaveCountAsync(1);
        await Expect(page.Locator("#strategy-adopt")).ToHaveCountAsync(0);
        await Expect(page.Locator("#strategy-reject")).ToHaveCountAsync(0);
        await Tab(page, "personal");
        await Expect(page.Locator("#erase-form")).ToHaveCountAsync(0);
        await WebChecks.NoAxeViolations(page, "workspace-facilitator", output);

        var token = await page.EvaluateAsync<string>("() => JSON.parse(localStorage.getItem('epi.staff')).accessToken");
        var facilitator = App.Client(token);
        (await facilitator.PostAsJsonAsync($"{strategy.Url}/revisions/{proposed.RevisionId}/adopt", new { version = proposed.Version }))
            .StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await facilitator.PostAsJsonAsync($"/api/cities/cluj-napoca/subjects/{Guid.CreateVersion7()}/erasure", new { ground = "OBJECTION", exceptionsChecked = true }))
            .StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await strategy.Details()).RevisionNo.ShouldBe(0);
    }

    [Fact]
    public async Task the_workspace_first_load_is_at_most_150_kb_compressed()
    {
        var session = await (await App.Client().PostAsJsonAsync("/api/auth/login", new { username = "coordinator.cluj", password = "demo-coordinator" }))
            .Content.ReadAsStringAsync();
        var context = await chromium.Context(App);
        await context.AddInitScriptAsync($"localStorage.setItem('epi.staff', {System.Text.Json.JsonSerializer.Serialize(session)});");
        var page = await context.NewPageAsync();
        var total = await WebChecks.FirstLoad(page, "/workspace.html#review", output,
            () => Expect(page.Locator("body")).ToHaveAttributeAsync("data-ready", "review"));
        total.ShouldBeLessThanOrEqualTo(WebChecks.FirstLoadBudgetBytes);
        total.ShouldBeGreaterThan(10_000);
    }
}
