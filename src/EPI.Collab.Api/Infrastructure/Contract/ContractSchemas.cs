using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Wolverine.Http;

namespace EPI.Collab.Api.Infrastructure.Contract;

/// <summary>
/// Publishes each request's contract in the OpenAPI document from the same declarations <see cref="RequestContract"/>
/// enforces: ranges, lengths, list sizes, unique items, enum names, the date window.
/// </summary>
public static class ContractSchemas
{
    public static IServiceCollection AddContractSchemas(this IServiceCollection services, string document = "v1") =>
        services.Configure<OpenApiOptions>(document, o =>
        {
            var shared = o.CreateSchemaReferenceId;
            o.CreateSchemaReferenceId = type =>
                type.Type.GetCustomAttributes(typeof(InlineSchemaAttribute), false).Length > 0 ? null : shared(type);
            o.AddSchemaTransformer((schema, context, _) =>
            {
                Describe(schema, context);
                return Task.CompletedTask;
            });
            o.AddOperationTransformer((operation, context, _) =>
            {
                if (context.Description.ActionDescriptor.EndpointMetadata.OfType<HttpChain>().FirstOrDefault() is { } chain)
                    DescribeQuery(operation, chain);
                return Task.CompletedTask;
            });
        });

    private static void DescribeQuery(OpenApiOperation operation, HttpChain chain)
    {
        var rules = QueryContract.For(chain);
        foreach (var parameter in operation.Parameters ?? [])
            if (parameter is OpenApiParameter { In: ParameterLocation.Query, Schema: OpenApiSchema schema } && rules.FirstOrDefault(r => r.Name == parameter.Name) is { } rule)
                Apply(schema, rule.Attributes, rule.Type == typeof(string));
    }

    private static void Describe(OpenApiSchema schema, OpenApiSchemaTransformerContext context)
    {
        var type = context.JsonTypeInfo.Type;
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        if (underlying.IsEnum)
        {
            // The enum is one shared component; where a field may be null, the reference to it says so (oneOf with null).
            schema.Type = JsonSchemaType.String;
            schema.Enum = ExactEnumConverter.NamesOf(underlying).Select(n => (JsonNode)JsonValue.Create(n)).ToList();
        }
        if (schema.Items is null && EnumItemsOf(underlying) is { } item)
        {
            // A list of enum values: the generator leaves its items undescribed (the enums have a converter of ours).
            schema.Items = new OpenApiSchema
            {
                Type = JsonSchemaType.String,
                Enum = ExactEnumConverter.NamesOf(item).Select(n => (JsonNode)JsonValue.Create(n)).ToList()
            };
        }
        if (underlying == typeof(DateOnly) || underlying == typeof(DateTimeOffset))
        {
            schema.Extensions ??= new Dictionary<string, IOpenApiExtension>();
            schema.Extensions["x-earliest"] = new JsonNodeExtension(JsonValue.Create(ContractBounds.EarliestDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
            schema.Extensions["x-latest"] = new JsonNodeExtension(JsonValue.Create(ContractBounds.LatestDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
        }
        if (context.JsonPropertyInfo?.AttributeProvider is not { } provider) return;
        Apply(schema, provider.GetCustomAttributes(typeof(ValidationAttribute), true).Concat(
            context.JsonPropertyInfo.AssociatedParameter?.AttributeProvider?.GetCustomAttributes(typeof(ValidationAttribute), true) ?? []),
            underlying == typeof(string));
    }

    private static Type? EnumItemsOf(Type type) =>
        type == typeof(string) ? null
        : (type.IsArray ? type.GetElementType() : type.GetInterfaces().Append(type)
            .FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))?.GetGenericArguments()[0]) is { } element
          && (Nullable.GetUnderlyingType(element) ?? element) is { IsEnum: true } e ? e : null;

    private static void Apply(OpenApiSchema schema, IEnumerable<object> rules, bool isText)
    {
        foreach (var rule in rules)
            switch (rule)
            {
                case RangeAttribute range:
                    schema.Minimum = Convert.ToString(range.Minimum, CultureInfo.InvariantCulture);
                    schema.Maximum = Convert.ToString(range.Maximum, CultureInfo.InvariantCulture);
                    break;
                case StringLengthAttribute length:
                    schema.MinLength = length.MinimumLength > 0 ? length.MinimumLength : schema.MinLength;
                    schema.MaxLength = length.MaximumLength;
                    break;
                case LengthAttribute length when isText:
                    schema.MinLength = length.MinimumLength;
                    schema.MaxLength = length.MaximumLength;
                    break;
                case LengthAttribute length:
                    schema.MinItems = length.MinimumLength;
                    schema.MaxItems = length.MaximumLength;
                    break;
                case ISchemaRule described:
                    described.Describe(schema);
                    break;
            }
    }
}
