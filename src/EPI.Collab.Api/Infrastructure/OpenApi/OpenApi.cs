using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace EPI.Collab.Api.Infrastructure;

/// <summary>
/// The OpenAPI document at <c>/openapi/v1.json</c> and a browsable reference at <c>/api-reference</c>. The document is
/// the contract: every operation states who may call it (<see cref="OperationDocs"/>), what it does (the endpoint's XML
/// doc) and every answer it can give (<see cref="OperationResponses"/>); the suite lints it with Redocly's recommended
/// rules (0 errors, 0 warnings).
/// </summary>
public static class OpenApi
{
    public const string DocumentPath = "/openapi/v1.json";
    public const string ReferencePath = "/api-reference";

    /// <param name="tagDescriptions">What each tag (feature area) is about, for the document's tag list.</param>
    public static IServiceCollection AddApiDocumentation(this IServiceCollection services, IReadOnlyDictionary<string, string> tagDescriptions) =>
        services.AddOpenApi(o =>
        {
            o.CreateSchemaReferenceId = SchemaDocs.Id;
            o
            .AddOperationTransformer(new OperationDocs())
            .AddOperationTransformer(new OperationResponses())
            .AddOperationTransformer((operation, context, _) =>
            {
                AddExample(operation, context.Description);
                return Task.CompletedTask;
            })
            .AddDocumentTransformer((document, context, _) =>
            {
                Describe(document, context.ApplicationServices.GetRequiredService<IConfiguration>(), tagDescriptions);
                return Task.CompletedTask;
            });
        });

    private static void Describe(OpenApiDocument document, IConfiguration configuration, IReadOnlyDictionary<string, string> tagDescriptions)
    {
        document.Info = new OpenApiInfo
        {
            Title = "EPI Collab API",
            Version = "v1",
            Description = "Event-sourced collaboration backend for the European Pact for Integration. Every error is RFC 9457 " +
                          "problem JSON with a stable `code`; enums are `UPPER_SNAKE` names.",
            License = new OpenApiLicense { Name = "Proprietary", Identifier = "LicenseRef-Proprietary" }
        };
        // The generated server is the request's base address with a trailing slash; App:PublicBaseUrl wins when set.
        var publicBase = configuration["App:PublicBaseUrl"]?.TrimEnd('/');
        if (!string.IsNullOrEmpty(publicBase)) document.Servers = [new OpenApiServer { Url = publicBase }];
        foreach (var server in document.Servers ?? [])
            server.Url = server.Url?.TrimEnd('/') is { Length: > 0 } url ? url : null;
        document.Servers = document.Servers?.Where(s => s.Url is not null).ToList();

        var used = document.Paths.Values.SelectMany(p => p.Operations?.Values.AsEnumerable() ?? [])
            .SelectMany(o => o.Tags ?? new HashSet<OpenApiTagReference>()).Select(t => t.Name).OfType<string>().ToHashSet();
        document.Tags = new HashSet<OpenApiTag>(used.Order().Select(name => new OpenApiTag
        {
            Name = name,
            Description = tagDescriptions.GetValueOrDefault(name)
        }));

        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[JwtBearerDefaults.AuthenticationScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "JWT",
            Description = "A token from POST /api/auth/login (or the configured OpenID Connect issuer)."
        };
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        // Types of undeclared or file answers: each operation declares what it really sends instead (OperationResponses).
        document.Components.Schemas.Remove(nameof(Stream));
        document.Components.Schemas.Remove(nameof(IResult));
        document.Components.Schemas[OperationResponses.ProblemSchema] = Problem(validation: false);
        document.Components.Schemas[OperationResponses.ValidationProblemSchema] = Problem(validation: true);
        SchemaDocs.Apply(document);
    }

    /// <summary>RFC 9457 problem details as this API writes them (see <see cref="ErrorHandling"/>).</summary>
    private static OpenApiSchema Problem(bool validation)
    {
        static OpenApiSchema Text(string description) => new() { Type = JsonSchemaType.String, Description = description };
        var properties = new Dictionary<string, IOpenApiSchema>
        {
            ["type"] = Text("A URI naming the kind of problem."),
            ["title"] = Text("A short summary in the caller's language (Accept-Language)."),
            ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32", Description = "The HTTP status code." },
            ["detail"] = Text("What happened, in English, for developers and logs."),
            ["instance"] = Text("The path of the request."),
            ["code"] = Text("A stable, language-neutral code for this situation (e.g. `round-closed`)."),
            ["traceId"] = Text("The request's trace id, for support.")
        };
        if (validation)
            properties["errors"] = new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                Description = "Each invalid field (JSON path or header name) with what is wrong with it.",
                AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.String } }
            };
        return new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = validation
                ? "A problem with the request (400): `errors` names each invalid field; a body that cannot be read at all has none."
                : "An RFC 9457 problem.",
            Properties = properties,
        };
    }

    /// <summary>Name of the static property a request record offers as its OpenAPI example.</summary>
    public const string ExampleProperty = "Example";

    /// <summary>
    /// A request type documents itself with <c>public static T Example</c>; the example is written in the API's own JSON
    /// conventions, so what the reference page shows is exactly what the endpoint accepts.
    /// </summary>
    private static void AddExample(OpenApiOperation operation, Microsoft.AspNetCore.Mvc.ApiExplorer.ApiDescription description)
    {
        var bodyType = description.ParameterDescriptions
                .FirstOrDefault(p => p.Source == Microsoft.AspNetCore.Mvc.ModelBinding.BindingSource.Body)?.Type
            ?? description.ActionDescriptor.EndpointMetadata.OfType<IAcceptsMetadata>().FirstOrDefault()?.RequestType;
        var example = bodyType?.GetProperty(ExampleProperty, BindingFlags.Public | BindingFlags.Static)?.GetValue(null);
        if (example is null || operation.RequestBody?.Content is not { } content) return;
        foreach (var media in content.Values)
            media.Example = JsonSerializer.SerializeToNode(example, ApiJson.Options);
    }

    public static WebApplication MapApiDocumentation(this WebApplication app)
    {
        app.MapOpenApi().AllowAnonymous();
        app.MapScalarApiReference(ReferencePath, o => o
            .WithTitle("EPI Collab API")
            .WithOpenApiRoutePattern(DocumentPath)).AllowAnonymous();
        return app;
    }
}
