using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.IdentityModel.Tokens;

namespace EPI.Collab.Api.Infrastructure.Auth;

public static class AuthSetup
{
    public const string HubPathPrefix = "/hubs";

    public static WebApplicationBuilder AddEpiAuth(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(AuthOptions.Section);
        var auth = section.Get<AuthOptions>() ?? new AuthOptions();
        builder.Services.Configure<AuthOptions>(section);

        var key = new SymmetricSecurityKey(SigningKeyBytes(auth, builder.Environment));
        builder.Services.AddSingleton(new SigningKeyHolder(key));
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<TokenIssuer>();

        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(o =>
        {
            o.MapInboundClaims = false;
            if (!string.IsNullOrWhiteSpace(auth.Authority)) o.Authority = auth.Authority;
            o.TokenValidationParameters = new TokenValidationParameters
            {
                ValidIssuers = [auth.Issuer],
                ValidAudiences = new[] { auth.Audience, auth.ExternalAudience }.OfType<string>(),
                IssuerSigningKeys = [key],
                NameClaimType = EpiClaims.Name,
                RoleClaimType = EpiClaims.Role,
                ClockSkew = TimeSpan.FromSeconds(30)
            };
            // Browsers cannot set headers on WebSocket requests: SignalR sends the token as a query parameter.
            o.Events = new JwtBearerEvents
            {
                OnMessageReceived = ctx =>
                {
                    if (ctx.HttpContext.Request.Path.StartsWithSegments(HubPathPrefix)
                        && ctx.Request.Query.TryGetValue("access_token", out var token))
                        ctx.Token = token;
                    return Task.CompletedTask;
                }
            };
        });

        builder.Services.AddSingleton<IAuthorizationHandler, CityAccessHandler>();
        builder.Services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(Policies.CityStaff, p => p.RequireAuthenticatedUser().AddRequirements(new CityAccessRequirement(CityAccessLevel.Write)))
            .AddPolicy(Policies.CityReader, p => p.RequireAuthenticatedUser().AddRequirements(new CityAccessRequirement(CityAccessLevel.Read)))
            .AddPolicy(Policies.Admin, p => p.RequireRole(Roles.Admin));
        return builder;
    }

    private static byte[] SigningKeyBytes(AuthOptions auth, IHostEnvironment env)
    {
        if (!string.IsNullOrWhiteSpace(auth.SigningKey))
        {
            if (auth.SigningKey.Length < 32)
                throw new InvalidOperationException("Auth:SigningKey must be at least 32 characters.");
            return Encoding.UTF8.GetBytes(auth.SigningKey);
        }
        if (env.IsDevelopment()) return RandomNumberGenerator.GetBytes(32);
        throw new InvalidOperationException(
            "Auth:SigningKey is not configured. Set Auth__SigningKey (32+ characters); a generated key is used only in Development.");
    }
}
