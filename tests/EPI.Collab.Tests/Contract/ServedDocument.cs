using System.Text.Json.Nodes;

namespace EPI.Collab.Tests.Contract;

/// <summary>The served OpenAPI document, read as an outside client reads it: operations, their schemas, $refs resolved.</summary>
public sealed class ServedDocument(JsonObject root)
{
    public JsonObject Root { get; } = root;

    public static async Task<ServedDocument> Load(AppFixture app) =>
        new((await app.Client().GetFromJsonAsyncNode("/openapi/v1.json")).AsObject());

    public sealed record Operation(string Method, string Path, JsonObject Node)
    {
        public string Id => Node["operationId"]?.GetValue<string>() ?? $"{Method} {Path}";
        public JsonObject? JsonBody => Node["requestBody"]?["content"]?["application/json"] as JsonObject;
        public override string ToString() => $"{Method} {Path}";
    }

    public IEnumerable<Operation> Operations() =>
        from path in Root["paths"]!.AsObject()
        from method in path.Value!.AsObject()
        where method.Key is "get" or "post" or "put" or "delete" or "patch"
        select new Operation(method.Key.ToUpperInvariant(), path.Key, method.Value!.AsObject());

    /// <summary>A schema with its $ref followed, and whether null is allowed (a "null" type or a null branch of oneOf/anyOf).</summary>
    public (JsonObject Schema, bool Nullable) Resolve(JsonNode? node)
    {
        var nullable = false;
        for (var depth = 0; depth < 20 && node is JsonObject o; depth++)
        {
            if (o["$ref"]?.GetValue<string>() is { } reference)
            {
                node = Root["components"]!["schemas"]![reference.Split('/')[^1]];
                continue;
            }
            if ((o["oneOf"] ?? o["anyOf"]) is JsonArray branches)
            {
                var real = branches.Where(b => !IsNullOnly(b)).ToList();
                nullable |= real.Count < branches.Count;
                if (real.Count == 1 && o["properties"] is null)
                {
                    node = real[0];
                    continue;
                }
            }
            if (o["type"] is JsonArray types) nullable |= types.Any(t => t?.GetValue<string>() == "null");
            if (o["type"]?.GetValueKind() == System.Text.Json.JsonValueKind.String && o["type"]!.GetValue<string>() == "null") nullable = true;
            return (o, nullable);
        }
        return (new JsonObject(), true);
    }

    private static bool IsNullOnly(JsonNode? b) => b is JsonObject o && o["type"]?.GetValueKind() == System.Text.Json.JsonValueKind.String
        && o["type"]!.GetValue<string>() == "null";

    /// <summary>The schema's main type other than null: string, integer, number, boolean, array, object, or null when any.</summary>
    public static string? TypeOf(JsonObject schema) => schema["type"] switch
    {
        JsonArray types => types.Select(t => t!.GetValue<string>()).FirstOrDefault(t => t != "null"),
        JsonValue one => one.GetValue<string>(),
        _ => schema["properties"] is not null ? "object" : schema["items"] is not null ? "array" : schema["enum"] is not null ? "string" : null
    };
}

public static class HttpNodeExtensions
{
    public static async Task<JsonNode> GetFromJsonAsyncNode(this HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        response.EnsureSuccessStatusCode();
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }
}
