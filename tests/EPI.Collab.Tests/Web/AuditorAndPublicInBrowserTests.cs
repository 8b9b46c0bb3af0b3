using EPI.Collab.Api.Features.PersonalData.BreakGlass;
using System.Net;
using System.Text.Json;
using EPI.Collab.Api.Features.Participants;
using EPI.Collab.Api.Features.Participants.Joining;
using EPI.Collab.Api.Features.Public.GettingCityPage;
using EPI.Collab.Api.Features.ReferenceData;
using EPI.Collab.Api.Features.Reviews;
using EPI.Collab.Api.Features.Reviews.Prioritising;
using EPI.Collab.Api.Features.Reviews.ScoringAreas;
using EPI.Collab.Api.Features.Strategies;
using EPI.Collab.Api.Features.Strategies.Revising;
using EPI.Collab.Tests.Features.Proposals;
using EPI.Collab.Tests.Features.Reviews;
using EPI.Collab.Tests.Features.Strategies;
using EPI.Collab.Tests.Features.Workshops;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace EPI.Collab.Tests.Web;

/// <summary>A Cluj that published its review (a priority on a round-table decision) and adopted a strategy whose measure came from it.</summary>
public sealed record PublishedCity(RecordedDecision Decision, Guid MeasureId, string Marker)
{
    public static async Task<PublishedCity> Arrange(AppFixture app)
    {
        var decision = await RecordedDecision.Record(app);
        // A participant with a name and a proposal in the same workshop: personal data that no public page may show.
        var marker = $"m{Guid.NewGuid():N}"[..12];
        var workshop = decision.Room.Workshop;
        var joined = await (await app.Client().Join(workshop.CityId, workshop.Id, new JoinWorkshop(workshop.JoinCode, StakeholderGroup.Resident, "ro",
            $"Ana {marker}"))).Read<Joined>();
        await app.Client(joined.AccessToken).SubmitOk(workshop, $"Evening classes {marker}");

        var review = await (await app.StartedReview()).Do("/area-scores",
            v => new RecordAreaScore(v, "BUS", 38, [new LocalizedText("en", "Employers rarely recruit across languages.")]));
        review = await review.Do("/priorities", v => new PrioritiseArea(v, "BUS", new LocalizedText("en", "Lowest score; round table 1 chose it."), decision.DecisionId));
        await review.AdvanceTo(ReviewStatus.Published);

        var strategy = await StrategyUnderWay.Start(app);
        var objective = Items.Objective();
        var measure = Items.Measure(objective.Id, origins: [decision.Room.Proposals[0]]);
        (strategy, _) = await strategy.Revise(new ProposeRevision(strategy.Version, RevisionReason.RoundTableOutcome, decision.DecisionId,
            "Round table 1: a one-stop shop", [Items.Add(objective), Items.Add(measure), Items.Add(Items.Indicator(measureId: measure.Id))]));
        await strategy.Adopted();
        return new PublishedCity(decision, measure.Id, marker);
    }
}

/// <summary>
/// Issue #17: the auditor walks from a measure of the adopted strategy to the recount of the round behind it; an observer follows
/// "how was this decided" on the city page; residents read the public page without an account, and it shows what the public API
/// returns and nothing unpublished or personal. No axe violation on any state; first loads within 150 KB compressed.
/// </summary>
[Trait(Lane.Name, Lane.Browser)]
public class AuditorAndPublicInBrowserTests(AppFixture app, Browser chromium, ITestOutputHelper output) : IntegrationTest(app), IClassFixture<Browser>
{
    static AuditorAndPublicInBrowserTests() => SetDefaultExpectTimeout(20_000);

    [Fact]
    public async Task the_auditor_walks_from_a_measure_to_its_recount_and_the_chain()
    {
        var city = await PublishedCity.Arrange(App);
        var page = await (await chromium.Context(App)).NewPageAsync();
        await page.GotoAsync($"/audit.html?city=cluj-napoca&measure={city.MeasureId}");
        await WebChecks.SignIn(page, "auditor", "demo-auditor");

        await Expect(page.Locator("#trace-list")).ToContainTextAsync("Round table 1: a one-stop shop");
        await Expect(page.Locator($"[data-decision='{city.Decision.DecisionId}']")).ToContainTextAsync("top 1 by approvals");
        await Expect(page.Locator("#trace-proposals li")).ToContainTextAsync("v1");
        await WebChecks.NoAxeViolations(page, "audit-trace", output);
        await page.Locator(".trace-recount").First.ClickAsync();
        await Expect(page.Locator("#recount")).ToHaveTextAsync("The recount matches the reported results.");
        await Expect(page.Locator("#timeline-table tbody tr").First).ToBeVisibleAsync();
        await Expect(page.Locator("#as-of-results")).Not.ToBeEmptyAsync();
        await page.Locator("#trace-list").ScrollIntoViewIfNeededAsync();
        await WebChecks.DocScreenshot(page, "audit-trace");
        await page.ClickAsync("#trace-chain");
        await Expect(page.Locator("#chain-status")).ToContainTextAsync("Verified");
        await WebChecks.NoAxeViolations(page, "audit-recount", output);
    }

    [Fact]
    public async Task the_auditor_breaks_the_glass_to_read_a_workshops_proposals_and_each_read_is_logged()
    {
        var city = await PublishedCity.Arrange(App);
        var workshopId = city.Decision.Room.Workshop.Id;
        var page = await (await chromium.Context(App)).NewPageAsync();
        await page.GotoAsync($"/audit.html?city=cluj-napoca&workshop={workshopId}");
        await WebChecks.SignIn(page, "auditor", "demo-auditor");

        var proposals = page.Locator("#audit-proposals");
        await Expect(proposals).ToContainTextAsync("withheld");
        (await page.ContentAsync()).ShouldNotContain(city.Marker);
        await Expect(page.Locator("#grant-status")).ToContainTextAsync("No grant");
        await WebChecks.NoAxeViolations(page, "audit-break-glass", output);

        await page.FillAsync("#grant-purpose", "Complaint 2026/041: how were the proposals worded?");
        await page.SelectOptionAsync("#grant-scope", workshopId.ToString());
        await page.FillAsync("#grant-minutes", "15");
        await page.ClickAsync("#grant-form button[type=submit]");
        await Expect(page.Locator("#grant-status")).ToContainTextAsync("Grant in use until");
        await Expect(proposals).ToContainTextAsync($"Evening classes {city.Marker}");
        await WebChecks.NoAxeViolations(page, "audit-break-glass-granted", output);

        // The city sees the grant, its purpose and the reads made under it.
        var coordinator = App.Client(await App.TokenFor("coordinator.cluj"));
        var grants = await (await coordinator.GetAsync("/api/cities/cluj-napoca/audit/access-grants")).Read<List<AuditAccessGrant>>();
        var used = grants.ShouldHaveSingleItem();
        used.WorkshopId.ShouldBe(workshopId);
        used.Purpose.ShouldBe("Complaint 2026/041: how were the proposals worded?");
        used.Accesses.ShouldBeGreaterThanOrEqualTo(1);

        await page.ClickAsync("#grant-end");
        await Expect(proposals).ToContainTextAsync("withheld");
    }

    [Fact]
    public async Task an_observer_sees_how_a_measure_was_decided_on_the_city_page_and_the_public_page()
    {
        var city = await PublishedCity.Arrange(App);
        var page = await (await chromium.Context(App)).NewPageAsync();
        await page.GotoAsync("/city.html?city=cluj-napoca");
        await WebChecks.SignIn(page, "observer", "demo-observer");
        var measure = page.Locator($"[data-measure='{city.MeasureId}']");
        await measure.Locator(".how-decided").ClickAsync();
        await Expect(measure.Locator(".trace")).ToContainTextAsync("top 1 by approvals");
        await WebChecks.NoAxeViolations(page, "city-how-decided", output);
        await measure.ScrollIntoViewIfNeededAsync();
        await WebChecks.DocScreenshot(page, "city-how-decided");
        await measure.Locator(".trace a").ClickAsync();
        await Expect(page.Locator($"#decision-{city.Decision.DecisionId}")).ToContainTextAsync("Most supported.");
        (await page.ContentAsync()).ShouldNotContain(city.Marker);
    }

    [Fact]
    public async Task residents_read_only_published_material_without_an_account()
    {
        var city = await PublishedCity.Arrange(App);
        var unnamed = await RecordedDecision.Record(App);
        await (await App.StartedReview("coordinator.riga", "riga")).Do("/area-scores",
            v => new RecordAreaScore(v, "BUS", 71, [new LocalizedText("en", "Draft narrative of Riga.")]));

        var anonymous = App.Client();
        var json = await (await anonymous.GetAsync("/api/public/cities/cluj-napoca")).Content.ReadAsStringAsync();
        var published = JsonSerializer.Deserialize<PublicCityPage>(json, Json.Options)!;
        published.Review!.AreaScores.Single().Score.ShouldBe(38);
        published.Strategy!.Document.Measures.Single().Id.ShouldBe(city.MeasureId);
        published.Decisions.Select(d => d.DecisionId).ShouldBe([city.Decision.DecisionId]);
        var round = published.Decisions.Single().Rounds.Single();
        round.ByGroup.ShouldAllBe(g => g.Ballots >= 5);
        round.SuppressedBallots.ShouldBeGreaterThan(0);
        json.ShouldNotContain(city.Marker);
        json.ShouldNotContain(unnamed.DecisionId.ToString());
        var riga = JsonSerializer.Deserialize<PublicCityPage>(await (await anonymous.GetAsync("/api/public/cities/riga")).Content.ReadAsStringAsync(), Json.Options)!;
        riga.Review.ShouldBeNull();
        (await anonymous.GetAsync("/api/public/cities/atlantis")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var page = await (await chromium.Context(App)).NewPageAsync();
        var total = await WebChecks.FirstLoad(page, "/public.html?city=cluj-napoca", output,
            () => Expect(page.Locator("body")).ToHaveAttributeAsync("data-ready", "cluj-napoca"));
        total.ShouldBeLessThanOrEqualTo(WebChecks.FirstLoadBudgetBytes);
        await Expect(page.Locator("#public-scores li")).ToHaveCountAsync(published.Review.AreaScores.Count);
        await Expect(page.Locator("#public-decisions article")).ToHaveCountAsync(published.Decisions.Count);
        await Expect(page.Locator($"#decision-{city.Decision.DecisionId}")).ToContainTextAsync("Most supported.");
        await Expect(page.Locator(".suppressed")).ToContainTextAsync(round.SuppressedBallots.ToString());
        await Expect(page.Locator("#public-strategy")).ToContainTextAsync("EPI One-Stop-Shop");
        (await page.ContentAsync()).ShouldNotContain(city.Marker);
        await WebChecks.NoAxeViolations(page, "public-cluj", output);
        await WebChecks.DocScreenshot(page, "public");

        await page.SelectOptionAsync("#public-city", "riga");
        await Expect(page.Locator("body")).ToHaveAttributeAsync("data-ready", "riga");
        await Expect(page.Locator("#public-review-none")).ToBeVisibleAsync();
        (await page.ContentAsync()).ShouldNotContain("Draft narrative of Riga.");
        await WebChecks.NoAxeViolations(page, "public-riga", output);
    }

    [Theory]
    [InlineData("/audit.html", "auditor", "demo-auditor", "#chain-status")]
    [InlineData("/city.html", "observer", "demo-observer", "#dashboard h2")]
    public async Task a_signed_in_page_first_load_is_at_most_150_kb_compressed(string path, string user, string password, string ready)
    {
        var session = await (await App.Client().PostAsync("/api/auth/login",
            new StringContent(JsonSerializer.Serialize(new { username = user, password }), System.Text.Encoding.UTF8, "application/json"))).Content.ReadAsStringAsync();
        var context = await chromium.Context(App);
        await context.AddInitScriptAsync($"localStorage.setItem('epi.staff', {JsonSerializer.Serialize(session)});");
        var page = await context.NewPageAsync();
        var total = await WebChecks.FirstLoad(page, $"{path}?city=cluj-napoca", output, () => Expect(page.Locator(ready)).ToBeVisibleAsync());
        total.ShouldBeLessThanOrEqualTo(WebChecks.FirstLoadBudgetBytes);
    }
}
