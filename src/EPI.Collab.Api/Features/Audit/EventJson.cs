using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using EPI.Collab.Api.Infrastructure;
using Marten;

namespace EPI.Collab.Api.Features.Audit;

/// <summary>
/// Stored event data in the API's spelling. Marten stores enums by their .NET names (<c>Resident</c>); the API speaks
/// UPPER_SNAKE (<c>RESIDENT</c>). An event is read as its type and written again with the API's options; the stored
/// text itself (which the chain hashes) is never changed.
/// </summary>
public static class EventJson
{
    private static readonly ConcurrentDictionary<string, Type> Types = new();

    public static JsonObject ToApi(IDocumentStore store, string eventType, string? dotNetType, string storedData)
    {
        var type = TypeOf(store, eventType, dotNetType);
        if (type is not null && JsonSerializer.Deserialize(storedData, type, EventLog.Json) is { } data)
            return JsonSerializer.SerializeToNode(data, type, ApiJson.Options)!.AsObject();
        return JsonNode.Parse(storedData)!.AsObject();
    }

    /// <summary>
    /// The event class of a stored row: by its type name (<c>ballot_cast</c>) among the event types this process has
    /// registered, else, as Marten reads a row, by the row's .NET type name (<c>mt_dotnet_type</c>): Marten registers an
    /// event type when it first appends or reads one, so after a restart a type this process has not met yet is still
    /// known by its row. Null only for a class this build does not have; a miss is not remembered.
    /// </summary>
    public static Type? TypeOf(IDocumentStore store, string eventType, string? dotNetType)
    {
        if (Types.TryGetValue(eventType, out var known)) return known;
        var type = store.Options.Events.AllKnownEventTypes().FirstOrDefault(t => t.EventTypeName == eventType)?.EventType
            ?? (string.IsNullOrEmpty(dotNetType) ? null : Type.GetType(dotNetType, throwOnError: false));
        if (type is not null) Types[eventType] = type;
        return type;
    }

    /// <summary>An enum name as stored (<c>Phone</c>), in the API's spelling (<c>PHONE</c>).</summary>
    public static string? EnumName<TEnum>(string? stored) where TEnum : struct, Enum =>
        stored is not null && Enum.TryParse<TEnum>(stored, out var value)
            ? JsonSerializer.Serialize(value, ApiJson.Options).Trim('"')
            : stored;
}
