using System.Text.Json;
using EPI.Collab.Api.Features.Strategies.GettingDetails;
using EPI.Collab.Api.Infrastructure;

namespace EPI.Collab.Api.Features.Strategies.Diffing;

public enum DiffItemKind { Title, Vision, Objective, Measure, Indicator }

public enum DiffChange { Added, Changed, Removed }

/// <param name="Fields">For a changed item, the fields that differ (camelCase, as in the API).</param>
/// <param name="Before">The item at the first revision (null when added).</param>
/// <param name="After">The item at the second revision (null when removed).</param>
public sealed record DiffItem(DiffItemKind Item, Guid? Id, DiffChange Change, IReadOnlyList<string> Fields, JsonElement? Before, JsonElement? After);

/// <summary>What differs between the strategy at revision <see cref="From"/> and at revision <see cref="To"/>.</summary>
public sealed record StrategyDiff(int From, int To, IReadOnlyList<DiffItem> Items)
{
    public static StrategyDiff Between(StrategyDetails strategy, int from, int to) => Compare(strategy.AtRevision(from), strategy.AtRevision(to), from, to);

    /// <summary>Pure: compares two documents item by item (by id), in the document's order.</summary>
    public static StrategyDiff Compare(StrategyDocument before, StrategyDocument after, int from, int to) => new(from, to,
    [
        .. CompareItem(DiffItemKind.Title, null, before.Title, after.Title),
        .. CompareItem(DiffItemKind.Vision, null, before.Vision, after.Vision),
        .. CompareList(DiffItemKind.Objective, before.Objectives, after.Objectives, o => o.Id),
        .. CompareList(DiffItemKind.Measure, before.Measures, after.Measures, m => m.Id),
        .. CompareList(DiffItemKind.Indicator, before.Indicators, after.Indicators, i => i.Id)
    ]);

    private static IEnumerable<DiffItem> CompareList<T>(DiffItemKind kind, IReadOnlyList<T> before, IReadOnlyList<T> after, Func<T, Guid> id) where T : class
    {
        var old = before.ToDictionary(id);
        var now = after.ToDictionary(id);
        foreach (var item in before.Where(b => !now.ContainsKey(id(b))))
            yield return new DiffItem(kind, id(item), DiffChange.Removed, [], ApiJson.ToElement(item), null);
        foreach (var item in after)
            foreach (var diff in CompareItem(kind, id(item), old.GetValueOrDefault(id(item)), item)) yield return diff;
    }

    private static IEnumerable<DiffItem> CompareItem(DiffItemKind kind, Guid? id, object? before, object after)
    {
        var b = before is null ? (JsonElement?)null : ApiJson.ToElement(before);
        var a = ApiJson.ToElement(after);
        if (b is null) yield return new DiffItem(kind, id, DiffChange.Added, [], null, a);
        else if (!JsonElement.DeepEquals(b.Value, a)) yield return new DiffItem(kind, id, DiffChange.Changed, Fields(b.Value, a), b, a);
    }

    private static IReadOnlyList<string> Fields(JsonElement before, JsonElement after) =>
        before.ValueKind != JsonValueKind.Object || after.ValueKind != JsonValueKind.Object ? []
        : [.. after.EnumerateObject().Where(p => !before.TryGetProperty(p.Name, out var old) || !JsonElement.DeepEquals(old, p.Value)).Select(p => p.Name)];
}
