using System.Net.Http.Json;
using EPI.Collab.Api.Features.ReferenceData;
using EPI.Collab.Api.Features.Voting;
using EPI.Collab.Api.Features.Voting.Counting;
using EPI.Collab.Api.Features.Voting.Opening;
using EPI.Collab.Tests.Features.Voting;
using EPI.Collab.Tests.Features.Workshops;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace EPI.Collab.Tests.Web;

/// <summary>The phone page's widgets for every voting method: dots, tap-order ranking, sliders, consent with a reason.</summary>
[Trait(Lane.Name, Lane.Browser)]
public class PhoneVotingTests(AppFixture app, Browser chromium, ITestOutputHelper output) : IntegrationTest(app), IClassFixture<Browser>
{
    static PhoneVotingTests() => SetDefaultExpectTimeout(20_000);

    private static RoundRules Live(VotingMethod method) => new(method, ResultsVisibility.Live, BallotsChangeable: false, Secret: false,
        method == VotingMethod.Dot ? 5 : null, method == VotingMethod.Dot ? 3 : null);

    [Fact]
    public async Task a_connected_phone_casts_over_the_hub_and_sends_no_http_ballot()
    {
        var room = await VotingRoom.Open(App, Live(VotingMethod.Approval));
        var page = await (await chromium.Context(App, phone: true)).NewPageAsync();
        var httpBallots = 0;
        page.Request += (_, request) => { if (request.Method == "POST" && request.Url.Contains("/ballot")) Interlocked.Increment(ref httpBallots); };
        await page.GotoAsync($"/join/{room.Workshop.JoinCode}");
        await page.SelectOptionAsync("#group", "RESIDENT");
        await page.ClickAsync("#join-form button[type=submit]");
        await Expect(page.Locator("#connection[data-state=live]")).ToHaveCountAsync(1);

        var round = page.Locator(".round", new() { HasText = "Which first?" });
        await round.Locator("button.choice", new() { HasText = "Proposal 2" }).ClickAsync();
        await round.Locator("button[type=submit]").ClickAsync();
        await Expect(page.Locator(".ballot-state[data-state=confirmed]")).ToHaveCountAsync(1);

        httpBallots.ShouldBe(0);
        var results = await room.ResultsOk();
        results.Ballots.Phone.ShouldBe(1);
        results.Options.Single(o => o.ProposalId == room.Proposals[1]).Score.ShouldBe(1);
    }

    [Fact]
    public async Task a_phone_votes_with_every_method_and_each_ballot_counts_as_marked()
    {
        var room = await VotingRoom.Open(App, Live(VotingMethod.Dot));
        var rounds = new Dictionary<VotingMethod, Guid> { [VotingMethod.Dot] = room.Round.RoundId };
        foreach (var method in new[] { VotingMethod.Ranked, VotingMethod.Score, VotingMethod.ImpactFeasibility, VotingMethod.Consent })
        {
            var opened = await (await room.Workshop.Post("/rounds", new OpenRound([new LocalizedText("en", $"Round {method}")], room.Proposals,
                Live(method)))).Read<VotingRoom.CreationEnvelope>();
            rounds[method] = opened.Value.RoundId;
        }

        var page = await (await chromium.Context(App, phone: true)).NewPageAsync();
        await page.GotoAsync($"/join/{room.Workshop.JoinCode}");
        await page.SelectOptionAsync("#group", "RESIDENT");
        await page.ClickAsync("#join-form button[type=submit]");
        await Expect(page.Locator(".round form")).ToHaveCountAsync(5);
        await Browser.Accessible(page, "phone-every-method", output);
        const string p1 = "Proposal 1", p2 = "Proposal 2", p3 = "Proposal 3";
        ILocator Round(string question) => page.Locator(".round", new() { HasText = question });

        var dot = Round("Which first?");
        await dot.Locator("fieldset", new() { HasText = p1 }).Locator("button.dot").Nth(2).ClickAsync();
        await dot.Locator("fieldset", new() { HasText = p2 }).Locator("button.dot").Nth(1).ClickAsync();
        await Expect(dot.Locator(".hint")).ToContainTextAsync("0");
        await dot.Locator("button[type=submit]").ClickAsync();

        var ranked = Round("Round Ranked");
        await ranked.Locator("button.choice", new() { HasText = p3 }).ClickAsync();
        await ranked.Locator("button.choice", new() { HasText = p1 }).ClickAsync();
        await ranked.Locator("button[type=submit]").ClickAsync();

        var score = Round("Round Score");
        await score.Locator("input[type=range]").First.FillAsync("5");
        await score.Locator("button[type=submit]").ClickAsync();

        var pair = Round("Round ImpactFeasibility");
        var first = pair.Locator("fieldset", new() { HasText = p1 }).Locator("input[type=range]");
        await first.Nth(0).FillAsync("5");
        await first.Nth(1).FillAsync("4");
        await pair.Locator("button[type=submit]").ClickAsync();

        var consent = Round("Round Consent");
        await consent.Locator("fieldset", new() { HasText = p1 }).Locator("input[value='1']").CheckAsync();
        await consent.Locator("fieldset", new() { HasText = p2 }).Locator("input[value='0']").CheckAsync();
        await consent.Locator("fieldset", new() { HasText = p3 }).Locator("input[value='-1']").CheckAsync();
        await consent.Locator("fieldset", new() { HasText = p3 }).Locator("textarea").FillAsync("Employers are not on board yet.");
        await consent.Locator("button[type=submit]").ClickAsync();

        await Expect(page.Locator(".ballot-state[data-state=confirmed]")).ToHaveCountAsync(5);
        await Browser.Screenshot(page, "phone-every-method-voted", output);

        async Task<OptionResult> Option(VotingMethod method, int proposal)
        {
            var results = await room.Workshop.Staff.GetFromJsonAsync<RoundResults>($"{room.Workshop.Url}/rounds/{rounds[method]}/results", Json.Options);
            return results!.Options.Single(o => o.ProposalId == room.Proposals[proposal]);
        }
        (await Option(VotingMethod.Dot, 0)).Score.ShouldBe(3);
        (await Option(VotingMethod.Dot, 1)).Score.ShouldBe(2);
        (await Option(VotingMethod.Ranked, 2)).Score.ShouldBe(2);
        (await Option(VotingMethod.Ranked, 0)).Score.ShouldBe(1);
        (await Option(VotingMethod.Score, 0)).Score.ShouldBe(5);
        var impact = await Option(VotingMethod.ImpactFeasibility, 0);
        (impact.MeanImpact, impact.MeanFeasibility).ShouldBe((5m, 4m));
        (await Option(VotingMethod.Consent, 0)).Agree.ShouldBe(1);
        (await Option(VotingMethod.Consent, 2)).Object.ShouldBe(1);
    }
}
