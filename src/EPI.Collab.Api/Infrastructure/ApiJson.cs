using System.Text.Json;
using System.Text.Json.Serialization;
using EPI.Collab.Api.Infrastructure.Contract;

namespace EPI.Collab.Api.Infrastructure;

/// <summary>The JSON conventions clients see everywhere (HTTP, SignalR, the stored feed): camelCase, enums as UPPER_SNAKE.</summary>
public static class ApiJson
{
    public static readonly JsonSerializerOptions Options = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        // Names only, exactly as written: no numbers, no other casing, no comma-joined flags (see ExactEnumConverter).
        options.Converters.Add(new ExactEnumConverter());
        return options;
    }

    /// <summary>
    /// What a client sends is read strictly (README, "Strict JSON"): a constructor parameter without a default is required,
    /// a property the request does not declare is refused, and so is a key given twice or a number sent as a string. Only reading changes: answers are
    /// written as before.
    /// </summary>
    public static JsonSerializerOptions ConfigureStrictInput(JsonSerializerOptions options)
    {
        Configure(options);
        options.RespectRequiredConstructorParameters = true;
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        options.AllowDuplicateProperties = false;
        options.NumberHandling = JsonNumberHandling.Strict;
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
