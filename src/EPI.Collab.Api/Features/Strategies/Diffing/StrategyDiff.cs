using System.Text.Json;
using EPI.Collab.Api.Features.ReferenceData;
using EPI.Collab.Api.Features.Strategies.GettingDetails;
using EPI.Collab.Api.Infrastructure;

namespace EPI.Collab.Api.Features.Strategies.Diffing;

public enum DiffItemKind { Title, Vision, Objective, Measure, Indicator }

public enum DiffChange { Added, Changed, Removed }

/// <param name="Name">What the item is called: an objective's statement (every language), a measure's title, an indicator's name,
/// the strategy's title (these three in one language, <c>lang</c> "und"); empty for the vision (its texts are in <paramref name="Before"/> and <paramref name="After"/>).</param>
/// <param name="Fields">For a changed item, the fields that differ (camelCase paths as in the API, e.g. <c>budget.amount</c>; for
/// texts in several languages, the language: <c>statement[ro]</c>, <c>[en]</c> for the vision). Empty for added and removed items.</param>
/// <param name="Before">The item at the first revision (null when added).</param>
/// <param name="After">The item at the second revision (null when removed).</param>
public sealed record DiffItem(DiffItemKind Item, Guid? Id, DiffChange Change, IReadOnlyList<LocalizedText> Name, IReadOnlyList<string> Fields,
    JsonElement? Before, JsonElement? After);

/// <summary>What differs between the strategy at revision <see cref="From"/> and at revision <see cref="To"/>.</summary>
public sealed record StrategyDiff(int From, int To, IReadOnlyList<DiffItem> Items)
{
    public static StrategyDiff Between(StrategyDetails strategy, int from, int to) => Compare(strategy.AtRevision(from), strategy.AtRevision(to), from, to);

    /// <summary>Pure: compares two documents item by item (by id), in the document's order.</summary>
    public static StrategyDiff Compare(StrategyDocument before, StrategyDocument after, int from, int to) => new(from, to,
    [
        .. CompareItem(DiffItemKind.Title, null, [Untranslated(after.Title)], before.Title, after.Title),
        .. CompareItem(DiffItemKind.Vision, null, [], before.Vision, after.Vision),
        .. CompareList(DiffItemKind.Objective, before.Objectives, after.Objectives, o => o.Id, o => o.Statement),
        .. CompareList(DiffItemKind.Measure, before.Measures, after.Measures, m => m.Id, m => [Untranslated(m.Title)]),
        .. CompareList(DiffItemKind.Indicator, before.Indicators, after.Indicators, i => i.Id, i => [Untranslated(i.Name)])
    ]);

    private static IEnumerable<DiffItem> CompareList<T>(DiffItemKind kind, IReadOnlyList<T> before, IReadOnlyList<T> after, Func<T, Guid> id,
        Func<T, IReadOnlyList<LocalizedText>> name) where T : class
    {
        var old = before.ToDictionary(id);
        var now = after.ToDictionary(id);
        foreach (var item in before.Where(b => !now.ContainsKey(id(b))))
            yield return new DiffItem(kind, id(item), DiffChange.Removed, name(item), [], ApiJson.ToElement(item), null);
        foreach (var item in after)
            foreach (var diff in CompareItem(kind, id(item), name(item), old.GetValueOrDefault(id(item)), item)) yield return diff;
    }

    private static IEnumerable<DiffItem> CompareItem(DiffItemKind kind, Guid? id, IReadOnlyList<LocalizedText> name, object? before, object after)
    {
        var b = before is null ? (JsonElement?)null : ApiJson.ToElement(before);
        var a = ApiJson.ToElement(after);
        if (b is null) yield return new DiffItem(kind, id, DiffChange.Added, name, [], null, a);
        else if (!JsonElement.DeepEquals(b.Value, a)) yield return new DiffItem(kind, id, DiffChange.Changed, name, [.. Fields("", b.Value, a)], b, a);
    }

    /// <summary>The paths that differ: into objects field by field, into lists of texts language by language; other lists whole.</summary>
    public static IEnumerable<string> Fields(string path, JsonElement before, JsonElement after)
    {
        if (JsonElement.DeepEquals(before, after)) yield break;
        if (before.ValueKind == JsonValueKind.Object && after.ValueKind == JsonValueKind.Object)
        {
            var names = after.EnumerateObject().Select(p => p.Name).Concat(before.EnumerateObject().Select(p => p.Name)).Distinct();
            foreach (var name in names)
            {
                var inner = path.Length == 0 ? name : $"{path}.{name}";
                if (!before.TryGetProperty(name, out var old) || !after.TryGetProperty(name, out var now)) yield return inner;
                else foreach (var field in Fields(inner, old, now)) yield return field;
            }
        }
        else if (Languages(before) is { } oldTexts && Languages(after) is { } newTexts)
        {
            foreach (var lang in newTexts.Keys.Concat(oldTexts.Keys).Distinct())
                if (oldTexts.GetValueOrDefault(lang) != newTexts.GetValueOrDefault(lang)) yield return $"{path}[{lang}]";
        }
        else yield return path;
    }

    /// <summary>A name written in one language only (titles, indicator names): BCP 47 "und", undetermined.</summary>
    private static LocalizedText Untranslated(string text) => new("und", text);

    /// <summary>A list of <c>{lang, text}</c> as a dictionary, or null when the element is something else.</summary>
    private static Dictionary<string, string?>? Languages(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Array) return null;
        var texts = new Dictionary<string, string?>();
        foreach (var item in element.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object || !item.TryGetProperty("lang", out var lang) || lang.ValueKind != JsonValueKind.String
                || !item.TryGetProperty("text", out var text)) return null;
            texts[lang.GetString()!] = text.ValueKind == JsonValueKind.String ? text.GetString() : text.GetRawText();
        }
        return texts;
    }
}
