using System.Text.Json;
using System.Text.Json.Serialization;

namespace EPI.Collab.Tests;

/// <summary>The API's JSON conventions as a client sees them (camelCase, enums as UPPER_SNAKE strings).</summary>
public static class Json
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseUpper) }
    };
}
