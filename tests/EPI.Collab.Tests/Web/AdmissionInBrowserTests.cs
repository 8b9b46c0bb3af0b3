using EPI.Collab.Api.Features.Participants;
using EPI.Collab.Api.Features.Participants.Joining;
using EPI.Collab.Tests.Features.Workshops;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace EPI.Collab.Tests.Web;

/// <summary>
/// Issue #14 in headless Chromium: the facilitator sets FACILITATOR_ADMITS and a cap in the console; a phone joins and
/// waits; the console admits it and the phone continues live; scripted joins beyond the cap raise the console's burst
/// banner; the facilitator removes the phone, which shows "you were removed". The console and phone pass axe.
/// </summary>
[Trait(Lane.Name, Lane.Browser)]
public class AdmissionInBrowserTests(AppFixture app, Browser chromium, ITestOutputHelper output) : IntegrationTest(app), IClassFixture<Browser>
{
    static AdmissionInBrowserTests() => SetDefaultExpectTimeout(20_000);

    [Fact]
    public async Task the_console_admits_alerts_on_a_burst_and_removes_and_the_phone_follows()
    {
        var workshop = await App.OpenRoundTable();
        var console = await (await chromium.Context(App)).NewPageAsync();
        await console.GotoAsync($"/console.html?city={workshop.CityId}&workshop={workshop.Id}");
        await WebChecks.SignIn(console, "facilitator.cluj", "demo-facilitator");
        await Expect(console.Locator("#admission-form")).ToBeVisibleAsync();
        await console.SelectOptionAsync("#admission-mode", "FACILITATOR_ADMITS");
        await console.FillAsync("#admission-cap", "3");
        await console.ClickAsync("#admission-form button[type=submit]");
        await Expect(console.Locator("#admission [role=status]")).ToHaveTextAsync("Done.");

        // A phone joins and waits, showing the pseudonym the console lists.
        var phone = await (await chromium.Context(App, phone: true)).NewPageAsync();
        await phone.GotoAsync($"/join/{workshop.JoinCode}");
        await phone.SelectOptionAsync("#group", "MIGRANT_LED_ORGANISATION");
        await phone.ClickAsync("#join-form button[type=submit]");
        await Expect(phone.Locator("#waiting")).ToBeVisibleAsync();
        await Expect(phone.Locator("#propose-form")).ToBeHiddenAsync();
        var pseudonym = (await phone.Locator("#pseudonym").TextContentAsync())!;
        pseudonym.ShouldStartWith("#");
        await Browser.Accessible(phone, "phone-waiting", output);
        await Expect(console.Locator("#waiting-list li")).ToHaveCountAsync(1);
        await Expect(console.Locator("#waiting-list li strong")).ToHaveTextAsync(pseudonym);
        await Browser.Screenshot(console, "console-admission-waiting", output);

        // Admitted from the console: the phone continues live.
        await console.Locator("#waiting-list li button.primary").ClickAsync();
        await Expect(phone.Locator("#waiting")).ToBeHiddenAsync();
        await Expect(phone.Locator("#propose-form")).ToBeVisibleAsync();
        await Expect(console.Locator("#room-groups td[data-group=OTHER]")).ToHaveTextAsync("<5");

        // Scripted joins beyond the cap: refused, and the console shows the burst banner.
        var answers = new List<System.Net.HttpStatusCode>();
        for (var i = 0; i < 6; i++)
            answers.Add((await App.Client().Join(workshop.CityId, workshop.Id,
                new JoinWorkshop(workshop.JoinCode, StakeholderGroup.Resident, "en"))).StatusCode);
        answers.Count(s => s == System.Net.HttpStatusCode.Conflict).ShouldBe(4);
        await Expect(console.Locator("#burst-banner")).ToBeVisibleAsync();
        await Expect(console.Locator("#burst-banner")).ToContainTextAsync("limit 3");
        await Browser.Screenshot(console, "console-admission-burst", output);
        await Browser.Accessible(console, "console-admission", output);

        // Removed from the console: the phone says so and its token no longer works.
        await console.Locator("#admission details summary").ClickAsync();
        var row = console.Locator("#participant-list li", new() { HasText = pseudonym });
        await row.Locator("select").SelectOptionAsync("DUPLICATE_DEVICE");
        await row.Locator("button.danger").ClickAsync();
        await Expect(phone.Locator("#removed")).ToBeVisibleAsync();
        await Expect(phone.Locator("#workshop")).ToBeHiddenAsync();
        await Expect(console.Locator("#participant-list li")).ToHaveCountAsync(0);
        await Browser.Screenshot(phone, "phone-removed", output);
        await Browser.Accessible(phone, "phone-removed", output);
    }
}
