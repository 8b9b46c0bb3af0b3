using System.Text.Json;
using System.Text.Json.Serialization;

namespace EPI.Collab.Api.Infrastructure;

/// <summary>The JSON conventions clients see everywhere (HTTP, SignalR, the stored feed): camelCase, enums as UPPER_SNAKE.</summary>
public static class ApiJson
{
    public static readonly JsonSerializerOptions Options = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        // Names only: a number would bind to any value of the enum's range, defined or not (found by the fuzz tests).
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseUpper, allowIntegerValues: false));
        return options;
    }

    private static readonly JsonSerializerOptions Compact =
        Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull });

    /// <summary>Fixes a payload's JSON once, in the clients' conventions, whatever serializer stores or sends it later.</summary>
    public static JsonElement ToElement(object value) => JsonSerializer.SerializeToElement(value, Options);

    /// <summary>
    /// As <see cref="ToElement"/>, without null properties: for live messages pushed to every phone of a room (a tally
    /// of a plain vote has seven null fields per option), where an absent field reads as null.
    /// </summary>
    public static JsonElement ToCompactElement(object value) => JsonSerializer.SerializeToElement(value, Compact);
}
