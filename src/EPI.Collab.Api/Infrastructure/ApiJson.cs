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

    /// <summary>Fixes a payload's JSON once, in the clients' conventions, whatever serializer stores or sends it later.</summary>
    public static JsonElement ToElement(object value) => JsonSerializer.SerializeToElement(value, Options);
}
