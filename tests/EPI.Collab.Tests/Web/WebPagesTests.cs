using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using EPI.Collab.Tests.Features.Workshops;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace EPI.Collab.Tests.Web;

/// <summary>The service serves its own pages: public, compressed, the QR link opens the phone page; small and accessible.</summary>
[Trait(Lane.Name, Lane.Browser)]
public class WebPagesTests(AppFixture app, Browser chromium, ITestOutputHelper output) : IntegrationTest(app), IClassFixture<Browser>
{
    public const long PhoneBudgetBytes = 150 * 1024;

    static WebPagesTests() => SetDefaultExpectTimeout(20_000);

    [Theory]
    [InlineData("/", "EPI Collab"), InlineData("/phone.html", "join-form"), InlineData("/join/F3YMKE", "join-form")]
    [InlineData("/console.html", "console.js"), InlineData("/screen.html", "screen.js"), InlineData("/audit.html", "audit.js"), InlineData("/city.html", "city.js")]
    [InlineData("/interpreter.html", "interpreter.js")]
    public async Task pages_are_public_and_the_join_link_is_the_phone_page(string path, string marker)
    {
        var response = await App.Client().GetAsync(path);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
        (await response.Content.ReadAsStringAsync()).ShouldContain(marker);
    }

    [Fact]
    public async Task static_files_are_compressed_and_api_answers_are_not()
    {
        var client = App.Client();
        var script = new HttpRequestMessage(HttpMethod.Get, "/js/phone.js");
        script.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("br"));
        (await client.SendAsync(script)).Content.Headers.ContentEncoding.ShouldBe(["br"]);
        var api = new HttpRequestMessage(HttpMethod.Get, "/api/messages/en");
        api.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("br"));
        (await client.SendAsync(api)).Content.Headers.ContentEncoding.ShouldBeEmpty();
    }

    [Fact]
    public async Task the_phone_page_lays_out_right_to_left_without_overflow()
    {
        var workshop = await App.OpenRoundTable();
        const string arabic = "دروس لغة مسائية في المكتبة مع متطوعين من الحي";
        await workshop.Staff.PostAsJsonAsync($"{workshop.Url}/proposals",
            new { text = new { lang = "en", text = arabic + " — evening classes" } }, Json.Options);
        var page = await (await chromium.Context(App, phone: true)).NewPageAsync();
        await page.GotoAsync($"/join/{workshop.JoinCode}");
        await page.SelectOptionAsync("#group", "RESIDENT");
        await page.ClickAsync("#join-form button[type=submit]");
        await Expect(page.Locator("#proposals li", new() { HasText = arabic })).ToHaveCountAsync(1);

        // None of the eight languages is written right to left, but participants' texts and future languages may be:
        // the stylesheet uses logical properties only, so the page mirrors without spilling sideways.
        await page.EvaluateAsync("() => { document.documentElement.dir = 'rtl'; }");
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        // Retried: a live message may re-render the list between finding a card and reading its style (a detached card has none).
        await Expect(page.Locator("#proposals li").First).ToHaveCSSAsync("direction", "rtl");
        var cards = await page.Locator("#proposals li").First.EvaluateAsync<double[]>(
            "e => { const r = e.getBoundingClientRect(); return [r.left, r.right, document.documentElement.clientWidth]; }");
        await Browser.Screenshot(page, "phone-rtl", output);

        overflow.ShouldBeLessThanOrEqualTo(0);
        cards[0].ShouldBeGreaterThanOrEqualTo(0);
        cards[1].ShouldBeLessThanOrEqualTo(cards[2] + 0.5);
    }

    [Fact]
    public async Task the_phone_page_first_load_is_at_most_150_kb_compressed()
    {
        var workshop = await App.OpenRoundTable();
        var page = await (await chromium.Context(App, phone: true)).NewPageAsync();
        var loaded = new List<IRequest>();
        page.RequestFinished += (_, request) => loaded.Add(request);
        await page.GotoAsync($"/join/{workshop.JoinCode}", new() { WaitUntil = WaitUntilState.NetworkIdle });
        await Expect(page.Locator("#group option")).ToHaveCountAsync(10);

        long total = 0;
        foreach (var request in loaded.ToList())
        {
            var sizes = await request.SizesAsync();
            total += sizes.ResponseBodySize + sizes.ResponseHeadersSize;
            output.WriteLine($"{sizes.ResponseBodySize,8} B  {request.Url}");
        }
        output.WriteLine($"phone first load: {loaded.Count} requests, {total} bytes transferred");
        Console.WriteLine($"web: phone first load {loaded.Count} requests, {total} bytes transferred (budget {PhoneBudgetBytes})");
        loaded.Count.ShouldBeGreaterThan(5);
        total.ShouldBeLessThanOrEqualTo(PhoneBudgetBytes);
    }

    [Fact]
    public async Task the_pages_before_a_workshop_have_no_serious_accessibility_violation()
    {
        var context = await chromium.Context(App);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        await Browser.Accessible(page, "index", output);

        await page.GotoAsync("/join/F3YMKE");
        await Expect(page.Locator("#group option")).ToHaveCountAsync(10);
        await Expect(page.Locator("#group")).ToHaveValueAsync(""); // no group preselected: nobody is counted as one by default
        await Browser.Accessible(page, "phone-join", output);
        await page.SelectOptionAsync("#lang", "lv");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "lv");
        await Expect(page.Locator("#join-h")).ToHaveTextAsync("Pievienoties darbnīcai");
        await Browser.Screenshot(page, "phone-join-lv", output);

        await page.GotoAsync("/console.html");
        await Expect(page.Locator("#login-form")).ToBeVisibleAsync();
        await Browser.Accessible(page, "console-login", output);
        await page.FillAsync("#username", "coordinator.cluj");
        await page.FillAsync("#password", "demo-coordinator");
        await page.ClickAsync("#login-form button[type=submit]");
        await Expect(page.Locator("#schedule-form")).ToBeVisibleAsync();

        await page.GotoAsync("/city.html");
        await Expect(page.Locator("#dashboard h2")).ToBeVisibleAsync();
        await Browser.Accessible(page, "city", output);
        await Browser.Screenshot(page, "city", output);
    }
}
