using System.Reflection;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace EPI.Collab.Api.Infrastructure;

/// <summary>
/// Every answer an operation can give, derived from what the endpoint declares (route values, body, method, policy):
/// the refusals of the middleware in front of every endpoint (401/403 from the policy, 413/415 for a body, 429 from the
/// rate limiter, 503 from the database circuit) and of the slices (400 field errors, 404 unknown ids, 409/412 stale
/// versions, 422 broken process rules), each as RFC 9457 problem JSON; plus the headers around them.
/// </summary>
public sealed class OperationResponses : IOpenApiOperationTransformer
{
    public const string ProblemSchema = "ProblemDetails", ValidationProblemSchema = "HttpValidationProblemDetails";
    public const string ProblemJson = "application/problem+json";

    private static readonly Dictionary<int, string> Meanings = new()
    {
        [400] = "The request is malformed or breaks its declared contract; `errors` lists the fields and what is wrong with each.",
        [401] = "No valid bearer token was sent.",
        [403] = "The token's role, city or workshop does not allow this call.",
        [404] = "The city, or a resource named in the route, does not exist.",
        [409] = "The resource changed since it was read (a stale `version`), or its state conflicts with the request.",
        [412] = "`If-Match` does not match the resource's current version.",
        [413] = $"The body is larger than {RequestLimits.MaxBodyBytes / 1024} KiB.",
        [415] = "The body is not JSON: send `Content-Type: application/json`.",
        [422] = "The request breaks a rule of the process in the resource's current state.",
        [429] = "Too many requests from this device, address or account; wait as long as `Retry-After` says.",
        [500] = "An unexpected error on the server's side.",
        [503] = "The database is not reachable right now; try again after `Retry-After` seconds."
    };

    public async Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        var description = context.Description;
        var metadata = description.ActionDescriptor.EndpointMetadata;
        var method = description.HttpMethod?.ToUpperInvariant() ?? "GET";
        var bodyType = description.ParameterDescriptions.FirstOrDefault(p => p.Source == BindingSource.Body)?.Type
                       ?? metadata.OfType<IAcceptsMetadata>().FirstOrDefault()?.RequestType;
        var hasRouteValues = description.RelativePath?.Contains('{') == true;
        var hasQuery = operation.Parameters?.Any(p => p.In == ParameterLocation.Query) == true;
        var anonymous = metadata.OfType<IAllowAnonymous>().Any();
        var command = method != "GET";
        var versioned = bodyType?.GetProperty("Version", BindingFlags.Public | BindingFlags.Instance) is not null;
        var endpointMethod = OperationDocs.EndpointMethod(metadata);

        var statuses = new SortedSet<int> { 429, 503 };
        if (bodyType is not null || hasRouteValues || hasQuery) statuses.Add(400);
        if (!anonymous) statuses.UnionWith([401, 403]);
        if (hasRouteValues) statuses.Add(404);
        if (command) statuses.UnionWith([409, 422]);
        if (versioned) statuses.Add(412);
        if (bodyType is not null) statuses.UnionWith([413, 415]);
        // A refusal the shape does not imply (a 422 on a read, say) is declared on the endpoint: [ProducesResponseType<ProblemDetails>(422)].
        statuses.UnionWith((endpointMethod?.GetCustomAttributes().OfType<IProducesResponseTypeMetadata>() ?? [])
            .Select(p => p.StatusCode).Where(s => s >= 400));

        operation.Responses ??= new OpenApiResponses();
        foreach (var status in statuses)
            operation.Responses.TryAdd(status.ToString(), new OpenApiResponse());

        foreach (var (code, response) in operation.Responses.ToList())
        {
            if (!int.TryParse(code, out var status) || response is not OpenApiResponse concrete) continue;
            if (status >= 400)
            {
                concrete.Description = Meanings.GetValueOrDefault(status, concrete.Description ?? "A problem.");
                concrete.Content = new Dictionary<string, OpenApiMediaType>
                {
                    [ProblemJson] = new() { Schema = new OpenApiSchemaReference(status == 400 ? ValidationProblemSchema : ProblemSchema, context.Document) }
                };
                if (status is 429 or 503) AddHeader(concrete, "Retry-After", "Seconds to wait before sending the request again.", JsonSchemaType.Integer);
            }
            else
            {
                FixContent(concrete, endpointMethod, status);
                if (status == 201) AddHeader(concrete, "Location", "The address of the created resource.", JsonSchemaType.String);
                if (method == "GET" && status == 200 && ReturnsVersion(description)) AddHeader(concrete, "ETag",
                    "The resource's version as an entity tag; send it as `If-Match` with the next command.", JsonSchemaType.String);
            }
        }

        if (versioned)
            AddParameter(operation, "If-Match", "The version the command was based on (the ETag of the last read); an alternative to the body's `version`. A mismatch is 412.");
        foreach (var header in endpointMethod?.GetCustomAttributes<RequestHeaderAttribute>() ?? [])
            AddParameter(operation, header.Name, header.Description, header.MaxLength, header.Format);
        foreach (var header in endpointMethod?.GetCustomAttributes<ResponseHeaderAttribute>() ?? [])
            if (operation.Responses.TryGetValue(header.Status.ToString(), out var response) && response is OpenApiResponse concrete)
                AddHeader(concrete, header.Name, header.Description, JsonSchemaType.String);
        var ordered = operation.Responses.OrderBy(r => r.Key, StringComparer.Ordinal).ToList();
        operation.Responses.Clear();
        foreach (var (code, response) in ordered) operation.Responses[code] = response;
        await Task.CompletedTask;
    }

    /// <summary>
    /// A success whose endpoint declares its media types (<c>[ProducesResponseType(..., "text/csv")]</c>) is only those,
    /// and a body that is not JSON is a string (binary for images and other files) whatever type the endpoint returns.
    /// </summary>
    private static void FixContent(OpenApiResponse response, MethodInfo? endpointMethod, int status)
    {
        var declared = (endpointMethod?.GetCustomAttributes().OfType<IProducesResponseTypeMetadata>() ?? [])
            .Where(p => p.StatusCode == status).SelectMany(p => p.ContentTypes).Distinct().ToList();
        if (response.Content is null) return;
        if (declared.Count > 0)
        {
            foreach (var media in response.Content.Keys.Where(k => !declared.Contains(k)).ToList()) response.Content.Remove(media);
            foreach (var media in declared) response.Content.TryAdd(media, new OpenApiMediaType());
        }
        foreach (var (media, content) in response.Content)
            if (!media.Contains("json", StringComparison.OrdinalIgnoreCase) || media.Contains("ndjson", StringComparison.OrdinalIgnoreCase))
                content.Schema = media.StartsWith("text/", StringComparison.OrdinalIgnoreCase) || media.Contains("ndjson", StringComparison.OrdinalIgnoreCase)
                    ? new OpenApiSchema { Type = JsonSchemaType.String }
                    : new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" };
    }

    private static bool ReturnsVersion(Microsoft.AspNetCore.Mvc.ApiExplorer.ApiDescription description) =>
        description.SupportedResponseTypes.FirstOrDefault(r => r.StatusCode == 200)?.Type
            ?.GetProperty("Version", BindingFlags.Public | BindingFlags.Instance) is not null;

    private static void AddHeader(OpenApiResponse response, string name, string description, JsonSchemaType type)
    {
        response.Headers ??= new Dictionary<string, IOpenApiHeader>();
        response.Headers[name] = new OpenApiHeader { Description = description, Schema = new OpenApiSchema { Type = type } };
    }

    private static void AddParameter(OpenApiOperation operation, string name, string description, int maxLength = 0, string? format = null)
    {
        operation.Parameters ??= [];
        if (operation.Parameters.Any(p => p.In == ParameterLocation.Header && string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))) return;
        operation.Parameters.Add(new OpenApiParameter
        {
            Name = name, In = ParameterLocation.Header, Required = false, Description = description,
            Schema = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = maxLength > 0 ? maxLength : null, Format = format }
        });
    }
}

/// <summary>A request header an endpoint reads, for the OpenAPI document.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
public sealed class RequestHeaderAttribute(string name, string description) : Attribute
{
    public string Name { get; } = name;
    public string Description { get; } = description;
    public int MaxLength { get; init; }
    public string? Format { get; init; }
}

/// <summary>A response header an endpoint may set on one status, for the OpenAPI document.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
public sealed class ResponseHeaderAttribute(int status, string name, string description) : Attribute
{
    public int Status { get; } = status;
    public string Name { get; } = name;
    public string Description { get; } = description;
}
