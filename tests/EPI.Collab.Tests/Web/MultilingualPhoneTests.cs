using System.Net.Http.Json;
using Deque.AxeCore.Playwright;
using EPI.Collab.Api.Features.Audit.TimeTravel;
using EPI.Collab.Api.Features.PersonalData.BreakGlass;
using EPI.Collab.Api.Features.Proposals.Amending;
using EPI.Collab.Api.Features.ReferenceData;
using EPI.Collab.Api.Features.Translations;
using EPI.Collab.Api.Features.Translations.Reading;
using EPI.Collab.Api.Features.Live;
using EPI.Collab.Tests.Features.Translations;
using EPI.Collab.Tests.Features.Workshops;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace EPI.Collab.Tests.Web;

/// <summary>
/// An Arabic-speaking newcomer in a Cluj-Napoca round table held in Romanian: the phone runs right to left, shows the focus
/// question and proposals in the interpreter's Arabic, votes, falls back to the original with a notice after an amendment,
/// and the auditor can show the Arabic texts this voter read.
/// </summary>
[Trait(Lane.Name, Lane.Browser)]
public class MultilingualPhoneTests(AppFixture app, Browser chromium, ITestOutputHelper output) : IntegrationTest(app), IClassFixture<Browser>
{
    static MultilingualPhoneTests() => SetDefaultExpectTimeout(20_000);

    private sealed record Envelope(AuditAccessGrantIssued Value, string Url);

    [Fact]
    public async Task an_arabic_phone_reads_the_room_in_arabic_right_to_left_votes_and_the_auditor_sees_what_it_read()
    {
        const string question = "ماذا يمكن أن تفعل المدينة لكي يجد القادمون الجدد أول عمل؟";
        const string classes = "دروس لغة مسائية قرب السوق", mentoring = "إرشاد مع أصحاب العمل المحليين";
        var room = await MultilingualRoom.Open(App);
        await room.TranslateOk(TranslatedKind.FocusQuestion, room.Workshop.Id, question);
        await room.TranslateOk(TranslatedKind.Proposal, room.Proposals[0], classes);
        await room.TranslateOk(TranslatedKind.Proposal, room.Proposals[1], mentoring);
        await room.TranslateOk(TranslatedKind.RoundQuestion, room.Round.RoundId, "ماذا نفعل أولًا؟");
        await App.RelaySettled();

        var page = await (await chromium.Context(App, locale: "ar", phone: true)).NewPageAsync();
        await page.AddInitScriptAsync("localStorage.setItem('epi.lang', JSON.stringify('ar'))");
        await page.GotoAsync($"/join/{room.Workshop.JoinCode}");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("dir", "rtl");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "ar");
        await Expect(page.Locator("#join-h")).ToHaveTextAsync("الانضمام إلى الورشة");
        await page.SelectOptionAsync("#group", "MIGRANT_LED_ORGANISATION");
        await page.ClickAsync("#join-form button[type=submit]");

        await Expect(page.Locator("#question")).ToContainTextAsync(question);
        var card = page.Locator($"[data-proposal='{room.Proposals[0]}']");
        await Expect(card.Locator("p[dir=auto]")).ToHaveTextAsync(classes);
        await Expect(page.Locator($"[data-proposal='{room.Proposals[1]}'] p[dir=auto]")).ToHaveTextAsync(mentoring);
        await Expect(card.Locator(".translation-mark")).ToHaveTextAsync("ترجمها مترجم");
        await Expect(page.Locator(".round h3")).ToHaveTextAsync("ماذا نفعل أولًا؟");
        var axe = await page.RunAxe();
        foreach (var v in axe.Violations) output.WriteLine($"axe: {v.Impact} {v.Id} {v.Help}");
        axe.Violations.ShouldBeEmpty();
        await Browser.Screenshot(page, "phone-arabic", output);

        await page.Locator(".round button.choice", new() { HasText = classes }).ClickAsync();
        await page.Locator(".round button[type=submit]").ClickAsync();
        await Expect(page.Locator(".ballot-state[data-state=confirmed]")).ToHaveCountAsync(1);

        await card.Locator(".translation-note button").ClickAsync();
        await Expect(card.Locator("p[dir=auto]")).ToHaveTextAsync("Cursuri de limbă seara, lângă piață");
        await card.Locator(".translation-note button").ClickAsync();
        await Expect(card.Locator("p[dir=auto]")).ToHaveTextAsync(classes);

        (await room.AuthorPhone.PostAsJsonAsync($"{room.Workshop.Url}/proposals/{room.Proposals[0]}/amend",
            new AmendProposal(1, new LocalizedText("ro", "Cursuri de limbă seara și sâmbăta")), Json.Options)).EnsureSuccessStatusCode();
        await Expect(card.Locator("p[dir=auto]")).ToHaveTextAsync("Cursuri de limbă seara și sâmbăta");
        await Expect(card.Locator(".translation-note.stale")).ToHaveTextAsync("تغيّر النص الأصلي بعد ترجمته؛ هذا هو النص الأصلي.");
        await Browser.Screenshot(page, "phone-arabic-stale", output);

        var ballotId = await page.EvaluateAsync<string>(
            $"JSON.parse(localStorage.getItem('epi.ballots.{room.Workshop.Id}'))['{room.Round.RoundId}'].ballotId");
        var auditor = await App.ClientFor("auditor");
        var grant = await (await auditor.PostAsJsonAsync("/api/cities/cluj-napoca/audit/access-grants",
            new GrantAuditAccess("Complaint: the Arabic text said something else", room.Workshop.Id, 15), Json.Options)).Read<Envelope>();
        auditor.DefaultRequestHeaders.Add(AuditAccessGrant.Header, grant.Value.GrantId.ToString());
        var reading = await (await auditor.GetAsync($"/api/cities/cluj-napoca/audit/workshops/{room.Workshop.Id}/ballots/{ballotId}/reading"))
            .Read<BallotReadingView>();
        reading.Lang.ShouldBe("ar");
        reading.Options.Select(o => o.Text!.Text).ShouldBe([classes, mentoring]);
        var then = await (await auditor.GetAsync($"/api/cities/cluj-napoca/audit/workshops/{room.Workshop.Id}/board?sequence={reading.Sequence}"))
            .Read<AsOf<WorkshopBoard>>();
        then.State.Translations.Single(t => t.SourceId == room.Proposals[0]).ShouldSatisfyAllConditions(
            t => t.Sealed!.Text.ShouldBe(classes), t => t.Stale.ShouldBeFalse());
        then.State.Proposals.Single(p => p.Id == room.Proposals[0]).Text!.Text.ShouldBe("Cursuri de limbă seara, lângă piață");
    }

    [Fact]
    public async Task the_interpreter_console_lists_what_lacks_arabic_and_a_translation_typed_there_reaches_the_phone_live()
    {
        var room = await MultilingualRoom.Open(App);
        await App.RelaySettled();
        var phone = await (await chromium.Context(App, locale: "ar", phone: true)).NewPageAsync();
        await phone.AddInitScriptAsync("localStorage.setItem('epi.lang', JSON.stringify('ar'))");
        await phone.GotoAsync($"/join/{room.Workshop.JoinCode}");
        await phone.SelectOptionAsync("#group", "MIGRANT_LED_ORGANISATION");
        await phone.ClickAsync("#join-form button[type=submit]");
        var card = phone.Locator($"[data-proposal='{room.Proposals[0]}'] p[dir=auto]");
        await Expect(card).ToHaveTextAsync("Cursuri de limbă seara, lângă piață");

        var console = await (await chromium.Context(App)).NewPageAsync();
        await console.GotoAsync($"/interpreter.html?city=cluj-napoca&workshop={room.Workshop.Id}");
        await console.FillAsync("#username", "facilitator.cluj");
        await console.FillAsync("#password", "demo-facilitator");
        await console.ClickAsync("#login-form button[type=submit]");
        var row = console.Locator($"li[data-key='PROPOSAL:{room.Proposals[0]}:ar']");
        await Expect(row).ToBeVisibleAsync();
        await Expect(console.Locator("li[data-key^='FOCUS_QUESTION:']")).ToHaveCountAsync(2); // it lacks Arabic and English
        await Browser.Accessible(console, "interpreter", output);

        await row.Locator("textarea").FillAsync("دروس لغة مسائية قرب السوق");
        await row.Locator("button.primary").ClickAsync();

        await Expect(card).ToHaveTextAsync("دروس لغة مسائية قرب السوق");
        await Expect(row).ToHaveCountAsync(0);
        await Browser.Screenshot(console, "interpreter", output);
    }
}
