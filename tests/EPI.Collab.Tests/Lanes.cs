namespace EPI.Collab.Tests;

/// <summary>
/// The test lanes of <c>./ops/test.sh unit|integration|browser|drills</c>, as an xUnit trait on each test class.
/// A class without the trait is an integration test. <see cref="LaneTests"/> keeps every class in the right lane.
/// </summary>
public static class Lane
{
    public const string Name = "Lane";

    /// <summary>No database, no host, no browser: pure decisions, folds and rules.</summary>
    public const string Unit = "unit";

    /// <summary>Real PostgreSQL, HTTP and SignalR through the test host (the default).</summary>
    public const string Integration = "integration";

    /// <summary>Playwright with Debian's Chromium against the test host.</summary>
    public const string Browser = "browser";

    /// <summary>Service processes killed, restarted and run as two nodes with the Redis backplane.</summary>
    public const string Drills = "drills";
}
