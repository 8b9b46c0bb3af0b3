using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace EPI.Collab.Api.Infrastructure;

/// <summary>The OpenAPI document at <c>/openapi/v1.json</c> and a browsable reference at <c>/api-reference</c>.</summary>
public static class OpenApi
{
    public const string DocumentPath = "/openapi/v1.json";
    public const string ReferencePath = "/api-reference";

    public static IServiceCollection AddApiDocumentation(this IServiceCollection services) =>
        services.AddOpenApi(o => o.AddOperationTransformer((operation, context, _) =>
        {
            AddExample(operation, context.Description);
            return Task.CompletedTask;
        }).AddDocumentTransformer((document, _, _) =>
        {
            document.Info = new OpenApiInfo
            {
                Title = "EPI Collab API",
                Version = "v1",
                Description = "Event-sourced collaboration backend for the European Pact for Integration."
            };
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[JwtBearerDefaults.AuthenticationScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "JWT",
                Description = "A token from POST /api/auth/login (or the configured OpenID Connect issuer)."
            };
            return Task.CompletedTask;
        }));

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
