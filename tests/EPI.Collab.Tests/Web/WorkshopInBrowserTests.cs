using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace EPI.Collab.Tests.Web;

/// <summary>
/// Issue #6, end to end in headless Chromium against the real service: a facilitator schedules and opens a workshop in
/// the console; three phones join by the QR link, propose and vote; the projector shows the result live; a phone votes
/// offline and its ballot is confirmed once when it is back; an auditor reads the timeline. Every page passes axe.
/// </summary>
[Trait(Lane.Name, Lane.Browser)]
public class WorkshopInBrowserTests(AppFixture app, Browser chromium, ITestOutputHelper output) : IntegrationTest(app), IClassFixture<Browser>
{
    private Browser Chromium => chromium;

    static WorkshopInBrowserTests() => SetDefaultExpectTimeout(20_000);

    private async Task<IPage> Phone(string code, string name)
    {
        var context = await Chromium.Context(App, phone: true);
        var page = await context.NewPageAsync();
        await page.GotoAsync($"/join/{code}");
        await Expect(page.Locator("#code")).ToHaveValueAsync(code);
        await page.SelectOptionAsync("#group", "MIGRANT_LED_ORGANISATION");
        await page.ClickAsync("#join-form button[type=submit]");
        await Expect(page.Locator("#workshop")).ToBeVisibleAsync();
        await Expect(page.Locator("#connection")).ToHaveAttributeAsync("data-state", "live");
        await Browser.Screenshot(page, $"phone-{name}-joined", output);
        return page;
    }

    private static async Task Vote(IPage phone, params string[] options)
    {
        foreach (var option in options) await phone.Locator(".round form button.choice", new() { HasText = option }).ClickAsync();
        await phone.ClickAsync(".round form button[type=submit]");
    }

    [Fact]
    public async Task a_workshop_runs_from_console_to_phones_projector_and_audit()
    {
        // The facilitator schedules and opens a workshop in the console.
        var console = await (await Chromium.Context(App)).NewPageAsync();
        await console.GotoAsync("/console.html");
        await console.FillAsync("#username", "facilitator.cluj");
        await console.FillAsync("#password", "demo-facilitator");
        await console.ClickAsync("#login-form button[type=submit]");
        await console.FillAsync("#ws-title", "Round table in the browser");
        await console.FillAsync("#ws-question", "What could the city do so that newcomers find a first job?");
        await Browser.Accessible(console, "console-schedule", output);
        await console.ClickAsync("#schedule-form button[type=submit]");
        await console.ClickAsync("#open-workshop");
        await Expect(console.Locator("#join-code")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^[A-Z0-9]{6}$"));
        var code = (await console.Locator("#join-code").TextContentAsync())!;
        var workshopId = new Uri(console.Url).Query.Split("workshop=")[1];
        await Expect(console.Locator("#join-box img.qr")).ToHaveAttributeAsync("src", new System.Text.RegularExpressions.Regex("^blob:"));
        await Browser.Screenshot(console, "console-opened", output);
        await Browser.Accessible(console, "console", output);

        // The projector (a second tab of the facilitator's browser) shows the code and counts participants live.
        var screen = await console.Context.NewPageAsync();
        await screen.GotoAsync($"/screen.html?city=cluj-napoca&workshop={workshopId}");
        await Expect(screen.Locator("#join-code")).ToHaveTextAsync(code);
        await Expect(screen.Locator("#qr")).ToBeVisibleAsync();

        // Three phones join through the QR link, and each proposes.
        var phones = new List<IPage>();
        foreach (var name in new[] { "a", "b", "c" }) phones.Add(await Phone(code, name));
        await Expect(screen.Locator("#participant-count")).ToHaveTextAsync("3");
        string[] ideas = ["Mentoring by local employers", "Language classes at work", "A one-stop job desk"];
        for (var i = 0; i < 3; i++)
        {
            await phones[i].FillAsync("#proposal-text", ideas[i]);
            await phones[i].ClickAsync("#propose-form button[type=submit]");
        }
        await Expect(console.Locator("#proposal-list > li")).ToHaveCountAsync(3);
        await Expect(phones[0].Locator("#proposals > li")).ToHaveCountAsync(3);
        await Browser.Accessible(phones[0], "phone-proposals", output);

        // A comment from a phone.
        await phones[1].Locator("#proposals > li", new() { HasText = ideas[0] }).Locator("button.link").ClickAsync();
        var thread = phones[1].Locator("#proposals > li", new() { HasText = ideas[0] }).Locator(".comment-form");
        await thread.Locator("textarea").FillAsync("Which employers would take part?");
        await thread.Locator("button[type=submit]").ClickAsync();
        await Expect(thread.Locator("[role=status]")).ToHaveTextAsync("Sent.");

        // The facilitator moderates it: hidden, not deleted; phones no longer count it.
        var card = console.Locator("#proposal-list > li", new() { HasText = ideas[0] });
        await Expect(card.Locator("button.link")).ToHaveTextAsync("Comments (1)");
        await card.Locator("button.link").ClickAsync();
        await card.Locator("button.hide-comment").ClickAsync();
        await Expect(phones[1].Locator("#proposals > li", new() { HasText = ideas[0] }).Locator("button.link")).ToHaveTextAsync("Comments (0)");

        // The facilitator opens an approval round with live results over the three proposals.
        foreach (var pick in await console.Locator("#proposal-list input.pick").AllAsync()) await pick.CheckAsync();
        await console.FillAsync("#round-question", "Which should the city pilot first?");
        await console.SelectOptionAsync("#round-method", "APPROVAL");
        await console.SelectOptionAsync("#round-visibility", "LIVE");
        await console.ClickAsync("#round-form button[type=submit]");
        foreach (var phone in phones) await Expect(phone.Locator(".round form")).ToBeVisibleAsync();
        await Browser.Accessible(phones[0], "phone-ballot", output);

        // Two phones vote online; the third loses its connection, votes, and comes back.
        await Vote(phones[0], ideas[0]);
        await Expect(phones[0].Locator(".ballot-state")).ToHaveAttributeAsync("data-state", "confirmed");
        await Vote(phones[1], ideas[0], ideas[1]);
        await Expect(phones[1].Locator(".ballot-state")).ToHaveAttributeAsync("data-state", "confirmed");
        await phones[2].Context.SetOfflineAsync(true);
        await Vote(phones[2], ideas[0]);
        await Expect(phones[2].Locator(".ballot-state")).ToHaveAttributeAsync("data-state", "queued");
        await Browser.Screenshot(phones[2], "phone-c-offline-ballot-queued", output);
        await phones[2].Context.SetOfflineAsync(false);
        await Expect(phones[2].Locator(".ballot-state")).ToHaveAttributeAsync("data-state", "confirmed");
        await Expect(phones[2].Locator("#connection")).ToHaveAttributeAsync("data-state", "live");
        await Browser.Screenshot(phones[2], "phone-c-ballot-confirmed", output);

        // The projector shows the right result live: the first idea with 3 approvals, the second with 1.
        var bars = screen.Locator(".bars li");
        await Expect(bars.First).ToContainTextAsync($"1. {ideas[0]}");
        await Expect(bars.First.Locator(".bar-score")).ToHaveTextAsync("3");
        await Expect(bars.Nth(1).Locator(".bar-score")).ToHaveTextAsync("1");
        await Browser.Screenshot(screen, "projector-results", output);
        await Browser.Accessible(screen, "projector", output);

        // Exactly one ballot per phone is stored: the offline ballot was confirmed once.
        var facilitator = await App.ClientFor("facilitator.cluj");
        var board = await facilitator.GetFromJsonAsync<JsonElement>($"/api/cities/cluj-napoca/workshops/{workshopId}/board");
        var round = board.GetProperty("rounds")[0];
        round.GetProperty("ballots").GetInt32().ShouldBe(3);
        round.GetProperty("results").GetProperty("ballots").GetProperty("phone").GetInt32().ShouldBe(3);

        // The facilitator closes the round and records the decision.
        await console.ClickAsync(".round button.close-round");
        await Expect(console.Locator("#decision-form")).ToBeVisibleAsync();
        await console.Locator("#decision-form label", new() { HasText = ideas[0] }).Locator("input").CheckAsync();
        await console.FillAsync("#decision-rationale", "Most approvals.");
        await console.ClickAsync("#decision-form button[type=submit]");
        await Expect(console.Locator("#decision-form [role=status]")).ToHaveTextAsync("Done.");
        await Browser.Screenshot(console, "console-decided", output);

        // An auditor reads the decision's timeline and the round's results as of an earlier event.
        var audit = await (await Chromium.Context(App)).NewPageAsync();
        await audit.GotoAsync($"/audit.html?city=cluj-napoca&workshop={workshopId}");
        await audit.FillAsync("#username", "auditor");
        await audit.FillAsync("#password", "demo-auditor");
        await audit.ClickAsync("#login-form button[type=submit]");
        await audit.Locator("#subject-list button", new() { HasText = "Most approvals." }).ClickAsync();
        await Expect(audit.Locator("#timeline-table tbody tr", new() { HasText = "decision-recorded" })).ToHaveCountAsync(1);
        await Expect(audit.Locator("#timeline-table tbody tr", new() { HasText = "ballot-cast" })).ToHaveCountAsync(3);
        await Expect(audit.Locator("#recount")).ToContainTextAsync("matches");
        var opened = audit.Locator("#timeline-table tbody tr", new() { HasText = "round-opened" });
        var openedAt = (await opened.Locator("td").First.TextContentAsync())!;
        var index = await audit.Locator("#timeline-table tbody tr").EvaluateAllAsync<int>(
            "(rows, seq) => rows.findIndex(r => r.cells[0].textContent === seq)", openedAt);
        await audit.Locator("#as-of-slider").FillAsync(index.ToString());
        await Expect(audit.Locator("#as-of-sequence")).ToHaveTextAsync($"#{openedAt}");
        await Expect(audit.Locator("#as-of-results .bar-score")).ToHaveTextAsync(["0", "0", "0"]);
        await Expect(audit.Locator("#chain-status")).ToContainTextAsync("Verified");
        await Browser.Screenshot(audit, "audit-timeline", output);
        await Browser.Accessible(audit, "audit", output);
    }
}
