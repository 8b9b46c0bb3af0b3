using EPI.Collab.Api.Features.Voting;
using EPI.Collab.Tests.Features.Voting;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace EPI.Collab.Tests.Web;

/// <summary>
/// Issue #14 in headless Chromium: the facilitator console and the projector list a consent round's objections (the
/// option and the reason, nobody's name) under its results; both pages pass axe.
/// </summary>
[Trait(Lane.Name, Lane.Browser)]
public class ObjectionsInBrowserTests(AppFixture app, Browser chromium, ITestOutputHelper output) : IntegrationTest(app), IClassFixture<Browser>
{
    static ObjectionsInBrowserTests() => SetDefaultExpectTimeout(20_000);

    [Fact]
    public async Task the_console_and_the_projector_list_a_consent_rounds_objections()
    {
        var room = await VotingRoom.Open(App, new RoundRules(VotingMethod.Consent, ResultsVisibility.Live, true, Secret: true));
        await (await room.Phone()).VoteOk(new BallotMark(room.Option(0), -1, Reason: "The night buses stop at eleven"), new BallotMark(room.Option(1), 1));
        await (await room.Phone()).VoteOk(new BallotMark(room.Option(0), 1), new BallotMark(room.Option(1), 1));

        var console = await (await chromium.Context(App)).NewPageAsync();
        await console.GotoAsync($"/console.html?city={room.Workshop.CityId}&workshop={room.Workshop.Id}");
        await console.FillAsync("#username", "facilitator.cluj");
        await console.FillAsync("#password", "demo-facilitator");
        await console.ClickAsync("#login-form button[type=submit]");
        var listed = console.Locator($".round[data-round='{room.Round.RoundId}'] .objections .objection");
        await Expect(listed).ToHaveCountAsync(1);
        await Expect(listed.Locator(".objection-reason")).ToHaveTextAsync("The night buses stop at eleven");
        await Expect(listed).ToHaveAttributeAsync("data-option", room.Option(0).ToString());
        await Browser.Screenshot(console, "console-objections", output);
        await Browser.Accessible(console, "console-objections", output);

        var screen = await console.Context.NewPageAsync();
        await screen.GotoAsync($"/screen.html?city={room.Workshop.CityId}&workshop={room.Workshop.Id}");
        await Expect(screen.Locator(".objections .objection-reason")).ToHaveTextAsync("The night buses stop at eleven");
        await Expect(screen.Locator(".objections h4")).ToContainTextAsync("(1)");
        await Browser.Screenshot(screen, "projector-objections", output);
        await Browser.Accessible(screen, "projector-objections", output);
    }
}
