using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Microsoft.OpenApi;

namespace EPI.Collab.Api.Infrastructure;

/// <summary>
/// Component schemas that say what the JSON really is, applied once the document is complete: a property documented in
/// XML (a record's <c>&lt;param&gt;</c> or a property's summary) carries that text; a property left out when null
/// (<c>[JsonIgnore(Condition = WhenWritingNull)]</c>) is not required; a nullable reference to another schema admits null.
/// </summary>
public static class SchemaDocs
{
    private static readonly ConcurrentDictionary<string, Type> Types = new();

    /// <summary>Schema ids as the framework makes them, except for names two of the API's types share (an enum and a record,
    /// say): those get their area's name in front. Remembers which type each id stands for.</summary>
    public static string? Id(JsonTypeInfo info)
    {
        var type = info.Type;
        var id = type.Assembly == typeof(SchemaDocs).Assembly && SharedNames.Contains(type.Name) && type.Namespace is { } ns
            ? ns[(ns.LastIndexOf('.') + 1)..] + type.Name
            : Microsoft.AspNetCore.OpenApi.OpenApiOptions.CreateDefaultSchemaReferenceId(info);
        if (id is not null) Types.TryAdd(id, type);
        return id;
    }

    private static readonly HashSet<string> SharedNames = typeof(SchemaDocs).Assembly.GetExportedTypes()
        .Where(t => !t.IsGenericTypeDefinition && !t.IsNested).GroupBy(t => t.Name).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet();

    public static void Apply(OpenApiDocument document)
    {
        foreach (var (id, component) in document.Components?.Schemas ?? new Dictionary<string, IOpenApiSchema>())
            if (component is OpenApiSchema schema && Types.TryGetValue(id, out var type) && type.Assembly == typeof(SchemaDocs).Assembly)
                Apply(schema, type);
    }

    private static void Apply(OpenApiSchema schema, Type type)
    {
        if (XmlDocs.Api.Summary(type) is { } summary) schema.Description = summary;
        if (schema.Properties is not { Count: > 0 } properties) return;
        var info = ApiJson.Options.GetTypeInfo(type);
        if (info.Kind != JsonTypeInfoKind.Object) return;
        var nullability = new NullabilityInfoContext();
        foreach (var property in info.Properties)
        {
            if (!properties.TryGetValue(property.Name, out var propertySchema) || property.AttributeProvider is not MemberInfo member) continue;
            if (member.GetCustomAttribute<JsonIgnoreAttribute>()?.Condition is JsonIgnoreCondition.WhenWritingNull or JsonIgnoreCondition.WhenWritingDefault)
                schema.Required?.Remove(property.Name);
            var text = XmlDocs.Api.Property(member.DeclaringType ?? type, member.Name);
            var nullable = member is PropertyInfo p && nullability.Create(p).ReadState == NullabilityState.Nullable;
            if (nullable && propertySchema is OpenApiSchemaReference)
                properties[property.Name] = new OpenApiSchema { Description = text, OneOf = [new OpenApiSchema { Type = JsonSchemaType.Null }, propertySchema] };
            else if (text is null) continue;
            else if (propertySchema is OpenApiSchemaReference reference) reference.Description = text;
            else if (propertySchema is OpenApiSchema inline) inline.Description = text;
        }
    }
}
