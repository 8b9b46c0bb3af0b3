using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace EPI.Collab.Tests.Web;

/// <summary>Checks of issue #17's pages: no axe violation at all (WCAG 2.1 A and AA), first loads within budget, a staff sign-in.</summary>
public static class WebChecks
{
    public const long FirstLoadBudgetBytes = 150 * 1024;

    private static readonly Deque.AxeCore.Commons.AxeRunOptions Wcag21 = new()
    {
        RunOnly = new Deque.AxeCore.Commons.RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
        ResultTypes = [Deque.AxeCore.Commons.ResultType.Violations]
    };

    /// <summary>axe-core on the page as it is now: zero violations of any impact.</summary>
    public static async Task NoAxeViolations(IPage page, string name, ITestOutputHelper output)
    {
        var result = await page.RunAxe(Wcag21);
        foreach (var v in result.Violations)
            output.WriteLine($"axe {name}: {v.Impact} {v.Id} — {v.Help} ({string.Join(" | ", v.Nodes.Take(3).Select(n => string.Join(" ", n.Target)))})");
        Console.WriteLine($"web: axe {name}: {result.Violations.Length} violations");
        result.Violations.Select(v => $"{v.Id} ({v.Impact}): {v.Help}").ShouldBeEmpty(name);
    }

    /// <summary>The visible part of the page, for README (artifacts/docs/; copied to docs/screenshots/ and shrunk with pngquant).</summary>
    public static async Task DocScreenshot(IPage page, string name)
    {
        var path = Path.Combine(Directory.CreateDirectory(Path.Combine(Browser.Artifacts, "docs")).FullName, $"{name}.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path });
        Console.WriteLine($"web: screenshot {path}");
    }

    public static async Task SignIn(IPage page, string username, string password)
    {
        await page.FillAsync("#username", username);
        await page.FillAsync("#password", password);
        await page.ClickAsync("#login-form button[type=submit]");
    }

    /// <summary>Bytes transferred (bodies as sent, compressed, plus headers) for everything the page loads until the network is idle.</summary>
    public static async Task<long> FirstLoad(IPage page, string url, ITestOutputHelper output, Func<Task>? loaded = null)
    {
        var requests = new List<IRequest>();
        page.RequestFinished += (_, request) => requests.Add(request);
        await page.GotoAsync(url, new() { WaitUntil = WaitUntilState.NetworkIdle });
        if (loaded is not null) await loaded();
        long total = 0;
        foreach (var request in requests.ToList())
        {
            var sizes = await request.SizesAsync();
            total += sizes.ResponseBodySize + sizes.ResponseHeadersSize;
        }
        output.WriteLine($"{url}: {requests.Count} requests, {total} bytes");
        Console.WriteLine($"web: first load {url}: {requests.Count} requests, {total} bytes transferred (budget {FirstLoadBudgetBytes})");
        return total;
    }
}
