using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace EPI.Collab.Api.Infrastructure;

/// <summary>The OpenAPI document at <c>/openapi/v1.json</c> and a browsable reference at <c>/api-reference</c>.</summary>
public static class OpenApi
{
    public const string DocumentPath = "/openapi/v1.json";
    public const string ReferencePath = "/api-reference";

    public static IServiceCollection AddApiDocumentation(this IServiceCollection services) =>
        services.AddOpenApi(o => o.AddDocumentTransformer((document, _, _) =>
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

    public static WebApplication MapApiDocumentation(this WebApplication app)
    {
        app.MapOpenApi().AllowAnonymous();
        app.MapScalarApiReference(ReferencePath, o => o
            .WithTitle("EPI Collab API")
            .WithOpenApiRoutePattern(DocumentPath)).AllowAnonymous();
        return app;
    }
}
