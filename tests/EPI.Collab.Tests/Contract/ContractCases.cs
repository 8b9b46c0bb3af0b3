using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace EPI.Collab.Tests.Contract;

/// <summary>One request derived from the contract: what was broken, the body, its content type, and the status it must get.</summary>
public sealed record ContractCase(ServedDocument.Operation Operation, string Name, string Body, string? ContentType, int Expected)
{
    /// <summary>For a broken field: applies the same damage to a copy of a body (to combine two cases).</summary>
    public Action<JsonObject>? Damage { get; init; }

    public override string ToString() => $"{Operation} [{Name}]";
}

/// <summary>
/// Derives bad requests from the served OpenAPI document alone: for every field of every request schema, the field
/// omitted, null, of the wrong JSON kind, each declared bound ±1, too long, too many items, repeated items, a
/// comma-joined, lower-case or numeric enum, an impossible or out-of-window date; and whole-body damage.
/// </summary>
public sealed class ContractCases(ServedDocument document)
{
    private const string Json = "application/json";

    public IEnumerable<ContractCase> For(ServedDocument.Operation op, JsonObject example)
    {
        var (schema, _) = document.Resolve(op.JsonBody!["schema"]);
        var text = example.ToJsonString();
        yield return new(op, "body null", "null", Json, 400);
        yield return new(op, "body array", "[" + text + "]", Json, 400);
        yield return new(op, "body string", "\"" + op.Id + "\"", Json, 400);
        yield return new(op, "body empty", "", Json, 400);
        yield return new(op, "body truncated", text[..(text.Length / 2)], Json, 400);
        yield return new(op, "body with an undeclared property", text[..^1] + (example.Count > 0 ? "," : "") + "\"undeclaredProperty\":1}", Json, 400);
        if (example.Count > 0)
        {
            var (key, value) = example.First();
            yield return new(op, $"key {key} twice", "{\"" + key + "\":" + (value?.ToJsonString() ?? "null") + "," + text[1..], Json, 400);
        }
        yield return new(op, "no content type", text, null, 415);
        yield return new(op, "text/plain", text, "text/plain", 415);
        foreach (var c in Fields(op, example, schema, [], "")) yield return c;
    }

    private IEnumerable<ContractCase> Fields(ServedDocument.Operation op, JsonObject root, JsonObject schema, object[] segments, string path)
    {
        if (Navigate(root, segments) is not { } at) yield break;
        if (schema["properties"] is not JsonObject properties) yield break;
        var required = (schema["required"] as JsonArray)?.Select(r => r!.GetValue<string>()).ToHashSet() ?? [];
        foreach (var (name, propertySchema) in properties)
        {
            var field = path.Length == 0 ? name : $"{path}.{name}";
            var (s, nullable) = document.Resolve(propertySchema);
            if (required.Contains(name))
                yield return Case(op, root, segments, name, null, remove: true, $"{field} omitted");
            if (!nullable)
                yield return Case(op, root, segments, name, JsonValue.Create((string?)null), false, $"{field} null");
            var type = ServedDocument.TypeOf(s);
            if (type is not null)
                yield return Case(op, root, segments, name, WrongKind(type), false, $"{field} of the wrong kind");
            foreach (var (value, what) in Breaking(s, type, at[name]))
                yield return Case(op, root, segments, name, value, false, $"{field} {what}");
            if (type == "object" && at[name] is JsonObject)
                foreach (var c in Fields(op, root, s, [.. segments, name], field)) yield return c;
            if (type == "array" && at[name] is JsonArray { Count: > 0 } list && list[0] is JsonObject)
            {
                var (itemSchema, _) = document.Resolve(s["items"]);
                foreach (var c in Fields(op, root, itemSchema, [.. segments, name, 0], field + "[0]")) yield return c;
            }
            if (type == "array" && at[name] is JsonArray { Count: > 0 } values && values[0] is JsonValue)
            {
                var (itemSchema, _) = document.Resolve(s["items"]);
                foreach (var (value, what) in Breaking(itemSchema, ServedDocument.TypeOf(itemSchema), values[0]))
                {
                    var copy = values.DeepClone().AsArray();
                    copy[0] = value;
                    yield return Case(op, root, segments, name, copy, false, $"{field}[0] {what}");
                }
            }
        }
    }

    /// <summary>The body with one field of one object replaced (or removed), applied to a copy of the example.</summary>
    private static ContractCase Case(ServedDocument.Operation op, JsonObject root, object[] segments, string name, JsonNode? value, bool remove, string what)
    {
        void Damage(JsonObject body)
        {
            if (Navigate(body, segments) is not { } target) return;
            if (remove) target.Remove(name);
            else target[name] = value?.DeepClone();
        }
        var copy = root.DeepClone().AsObject();
        Damage(copy);
        return new(op, what, copy.ToJsonString(), Json, 400) { Damage = Damage };
    }

    private static JsonObject? Navigate(JsonObject root, object[] segments)
    {
        JsonNode? node = root;
        foreach (var segment in segments)
            node = segment switch
            {
                string key => (node as JsonObject)?[key],
                int index => node is JsonArray a && a.Count > index ? a[index] : null,
                _ => null
            };
        return node as JsonObject;
    }

    private static JsonNode WrongKind(string type) => type switch
    {
        "string" => JsonValue.Create(12345),
        "integer" or "number" => JsonValue.Create("12"),
        "boolean" => JsonValue.Create("true"),
        "array" => new JsonObject { ["0"] = "a" },
        _ => new JsonArray(1, 2)
    };

    private static IEnumerable<(JsonNode Value, string What)> Breaking(JsonObject s, string? type, JsonNode? example)
    {
        if (s["enum"] is JsonArray { Count: > 0 } names && names.Where(n => n is not null).Select(n => n!.GetValue<string>()).ToList() is { Count: > 0 } list)
        {
            yield return (JsonValue.Create(list.Count > 1 ? $"{list[0]}, {list[1]}" : $"{list[0]}, {list[0]}"), "comma-joined enum names");
            if (list[0].ToLowerInvariant() != list[0]) yield return (JsonValue.Create(list[0].ToLowerInvariant()), "enum in lower case");
            if (list[0].Length > 1 && ToPascal(list[0]) != list[0]) yield return (JsonValue.Create(ToPascal(list[0])), "enum in PascalCase");
            yield return (JsonValue.Create(1), "enum as a number");
            yield return (JsonValue.Create(list[0] + "X"), "enum name unknown");
        }
        if (type == "string")
        {
            if (s["maxLength"]?.GetValue<int>() is { } max)
            {
                yield return (JsonValue.Create(new string('a', max + 1)), $"of {max + 1} characters (maxLength {max})");
                yield return (JsonValue.Create(new string('a', Math.Max(max * 50, 100_000))), "far over maxLength");
            }
            if (s["minLength"]?.GetValue<int>() is > 0 and var min)
                yield return (JsonValue.Create(new string('a', min - 1)), $"of {min - 1} characters (minLength {min})");
            var format = s["format"]?.GetValue<string>();
            if (format is "date")
            {
                yield return (JsonValue.Create("2026-02-30"), "an impossible date");
                yield return (JsonValue.Create("0001-01-01"), "in year 1");
                yield return (JsonValue.Create("9999-12-31"), "in year 9999");
            }
            if (format is "date-time")
            {
                yield return (JsonValue.Create("2026-02-30T10:00:00Z"), "an impossible time");
                yield return (JsonValue.Create("0001-01-01T00:00:00Z"), "in year 1");
                yield return (JsonValue.Create("9999-12-31T00:00:00Z"), "in year 9999");
            }
            if (s["x-earliest"]?.GetValue<string>() is { } earliest && DateOnly.TryParse(earliest, CultureInfo.InvariantCulture, out var e))
                yield return (JsonValue.Create(format == "date-time" ? e.AddDays(-1).ToString("yyyy-MM-dd") + "T12:00:00Z" : e.AddDays(-1).ToString("yyyy-MM-dd")),
                    "a day before the earliest date");
            if (s["x-latest"]?.GetValue<string>() is { } latest && DateOnly.TryParse(latest, CultureInfo.InvariantCulture, out var l))
                yield return (JsonValue.Create(format == "date-time" ? l.AddDays(1).ToString("yyyy-MM-dd") + "T12:00:00Z" : l.AddDays(1).ToString("yyyy-MM-dd")),
                    "a day after the latest date");
            if (format is "uuid") yield return (JsonValue.Create("not-a-uuid"), "not a uuid");
        }
        if (type is "integer" or "number")
        {
            if (Number(s["minimum"]) is { } min) yield return (JsonValue.Create(min - 1), $"below its minimum {min}");
            if (Number(s["maximum"]) is { } max) yield return (JsonValue.Create(max + 1), $"above its maximum {max}");
            if (type == "integer") yield return (JsonValue.Create(1.5m), "a fraction");
            yield return (JsonValue.Create(1e40), "far out of range");
        }
        if (type == "array")
        {
            var item = example is JsonArray { Count: > 0 } a ? a[0] : JsonValue.Create("x");
            if (s["maxItems"]?.GetValue<int>() is { } maxItems)
            {
                yield return (new JsonArray(Enumerable.Range(0, maxItems + 1).Select(_ => item?.DeepClone()).ToArray()), $"of {maxItems + 1} items (maxItems {maxItems})");
                yield return (new JsonArray(Enumerable.Range(0, 15_000).Select(_ => item?.DeepClone()).ToArray()), "of 15,000 items");
            }
            if (s["minItems"]?.GetValue<int>() is > 0) yield return (new JsonArray(), "empty (minItems)");
            if (s["uniqueItems"]?.GetValue<bool>() == true && example is JsonArray { Count: > 0 } b)
                yield return (new JsonArray(b[0]?.DeepClone(), b[0]?.DeepClone()), "with an item twice (uniqueItems)");
            yield return (new JsonArray((JsonNode?)null), "holding null");
        }
    }

    private static decimal? Number(JsonNode? node) => node switch
    {
        null => null,
        JsonValue v when v.GetValueKind() == JsonValueKind.Number => v.GetValue<decimal>(),
        JsonValue v when decimal.TryParse(v.GetValue<string>(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => d,
        _ => null
    };

    private static string ToPascal(string upperSnake) =>
        string.Concat(upperSnake.Split('_').Select(p => p.Length == 0 ? p : p[0] + p[1..].ToLowerInvariant()));
}
