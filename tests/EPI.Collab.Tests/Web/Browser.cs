using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace EPI.Collab.Tests.Web;

/// <summary>
/// Debian's Chromium (/usr/bin/chromium, installed by ./ops/test.sh), driven headless by Playwright's bundled
/// driver: no browser download. One browser per test class; each phone or screen is a context of its own.
/// </summary>
public sealed class Browser : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    /// <summary>Screenshots land here (git-ignored bin folder, or EPI_WEB_ARTIFACTS).</summary>
    public static string Artifacts { get; } = Directory.CreateDirectory(
        Environment.GetEnvironmentVariable("EPI_WEB_ARTIFACTS") is { Length: > 0 } dir ? dir : Path.Combine(AppContext.BaseDirectory, "artifacts")).FullName;

    public async Task InitializeAsync()
    {
        File.Exists(ChromiumPath).ShouldBeTrue($"{ChromiumPath} is missing: ./ops/test.sh installs Debian's chromium package");
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"]
        });
    }

    public Task<IBrowserContext> Context(AppFixture app, string locale = "en-GB", bool phone = false) =>
        _browser!.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = app.BaseAddress.ToString().TrimEnd('/'),
            Locale = locale,
            ViewportSize = phone ? new ViewportSize { Width = 390, Height = 844 } : new ViewportSize { Width = 1280, Height = 900 },
            IsMobile = phone,
            HasTouch = phone
        });

    public static async Task Screenshot(IPage page, string name, ITestOutputHelper output)
    {
        var path = Path.Combine(Artifacts, $"{name}.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        Console.WriteLine($"web: screenshot {path}");
    }

    /// <summary>WCAG 2.1 A and AA rules; details only for violations (axe's own advice for speed).</summary>
    private static readonly Deque.AxeCore.Commons.AxeRunOptions AxeOptions = new()
    {
        RunOnly = new Deque.AxeCore.Commons.RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
        ResultTypes = [Deque.AxeCore.Commons.ResultType.Violations]
    };

    /// <summary>axe-core on the page as it is now: no serious or critical violation.</summary>
    public static async Task Accessible(IPage page, string name, ITestOutputHelper output)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var result = await page.RunAxe(AxeOptions);
        Console.WriteLine($"web: axe {name}: {result.Violations.Length} violations, {result.Passes.Length} rules passed ({watch.ElapsedMilliseconds} ms)");
        var bad = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        foreach (var v in result.Violations)
            output.WriteLine($"axe {name}: {v.Impact} {v.Id} — {v.Help} ({string.Join(" | ", v.Nodes.Take(3).Select(n => string.Join(" ", n.Target)))})");
        bad.ShouldBeEmpty($"{name}: {string.Join("; ", bad.Select(v => $"{v.Id} ({v.Impact}): {v.Help}"))}");
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null) await _browser.DisposeAsync();
        _playwright?.Dispose();
    }
}
