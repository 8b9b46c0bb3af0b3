using System.Collections.Concurrent;

namespace EPI.Collab.Load;

/// <summary>Percentiles of one latency series, in milliseconds.</summary>
public sealed record Summary(int Count, double P50, double P95, double P99, double Max, double Mean)
{
    public static Summary Of(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0) return new Summary(0, 0, 0, 0, 0, 0);
        return new Summary(sorted.Length, Percentile(sorted, 50), Percentile(sorted, 95), Percentile(sorted, 99), sorted[^1],
            Math.Round(sorted.Average(), 2));
    }

    /// <summary>Nearest-rank percentile of an ascending array.</summary>
    public static double Percentile(double[] sorted, double p) =>
        Math.Round(sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Length) - 1, 0, sorted.Length - 1)], 2);
}

/// <summary>A thread-safe bag of latency samples (ms) that keeps the raw values for the chart.</summary>
public sealed class Series(string name)
{
    private readonly ConcurrentBag<double> _values = [];
    public string Name { get; } = name;
    public void Add(double ms) => _values.Add(ms);
    public void Add(TimeSpan elapsed) => _values.Add(elapsed.TotalMilliseconds);
    public int Count => _values.Count;
    public double[] Values => [.. _values.Order()];
    public Summary Summary => Summary.Of(_values);
}

/// <summary>What one scenario measured: named figures, latency series, ratios against targets, and notes.</summary>
public sealed class ScenarioResult(string name, string title)
{
    public string Name { get; } = name;
    public string Title { get; } = title;
    public Dictionary<string, object> Parameters { get; } = [];
    public Dictionary<string, double> Figures { get; } = [];
    public List<Series> Latencies { get; } = [];
    public List<Target> Targets { get; } = [];
    public List<string> Notes { get; } = [];
    public int Errors { get; set; }

    public Series Latency(string series)
    {
        var s = new Series(series);
        Latencies.Add(s);
        return s;
    }

    public void Figure(string figure, double value) => Figures[figure] = Math.Round(value, 3);

    /// <summary>A target as a ratio: met when <paramref name="value"/> is at least (or at most) <paramref name="bound"/>.</summary>
    public void Check(string target, double value, double bound, bool atLeast) =>
        Targets.Add(new Target(target, Math.Round(value, 3), bound, atLeast ? value >= bound : value <= bound, atLeast ? "≥" : "≤"));
}

public sealed record Target(string Name, double Value, double Bound, bool Met, string Relation);
