using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace EPI.Collab.Api.Infrastructure.Auth;

public static class AuthSetup
{
    public const string HubPathPrefix = "/hubs";

    public static WebApplicationBuilder AddEpiAuth(this WebApplicationBuilder builder)
    {
        var development = builder.Environment.IsDevelopment();
        builder.Services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.Section)
            .Validate(o => development || o.SigningKey is { Length: >= 32 },
                "Auth:SigningKey (32+ characters, the same on every node) is required outside Development: the service signs " +
                "participant tokens itself, and they must stay valid across restarts. Set Auth__SigningKey (staff may log in " +
                "through Auth:Authority, an OpenID Connect issuer, in addition).")
            .ValidateOnStart();
        builder.Services.AddSingleton<SigningKeyHolder>();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<TokenIssuer>();

        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        builder.Services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<IOptions<AuthOptions>, SigningKeyHolder>((o, options, key) => Configure(o, options.Value, key));

        builder.Services.AddSingleton<IAuthorizationHandler, CityAccessHandler>();
        builder.Services.AddSingleton<IAuthorizationHandler, WorkshopAccessHandler>();
        builder.Services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(Policies.CityStaff, p => p.RequireAuthenticatedUser().AddRequirements(new CityAccessRequirement(CityAccessLevel.Write)))
            .AddPolicy(Policies.CityCoordinator, p => p.RequireAuthenticatedUser().AddRequirements(new CityAccessRequirement(CityAccessLevel.Coordinate)))
            .AddPolicy(Policies.CityReader, p => p.RequireAuthenticatedUser().AddRequirements(new CityAccessRequirement(CityAccessLevel.Read)))
            .AddPolicy(Policies.CityPublishedReader, p => p.RequireAuthenticatedUser().AddRequirements(new CityAccessRequirement(CityAccessLevel.ReadPublished)))
            .AddPolicy(Policies.WorkshopMember, p => p.RequireAuthenticatedUser().AddRequirements(new WorkshopAccessRequirement(CityAccessLevel.Read)))
            .AddPolicy(Policies.WorkshopContributor, p => p.RequireAuthenticatedUser().AddRequirements(new WorkshopAccessRequirement(CityAccessLevel.Write)))
            .AddPolicy(Policies.CrossCityReader, p => p.RequireAuthenticatedUser()
                .RequireRole(Roles.Admin, Roles.Auditor, Roles.Observer, Roles.Coordinator, Roles.Facilitator))
            .AddPolicy(Policies.Admin, p => p.RequireRole(Roles.Admin))
            .AddPolicy(Policies.Auditor, p => p.RequireRole(Roles.Admin, Roles.Auditor));
        return builder;
    }

    private static void Configure(JwtBearerOptions o, AuthOptions auth, SigningKeyHolder key)
    {
        o.MapInboundClaims = false;
        // With an external OpenID Connect issuer, its metadata adds its issuer and signing keys to the ones below.
        if (!string.IsNullOrWhiteSpace(auth.Authority)) o.Authority = auth.Authority;
        o.TokenValidationParameters = new TokenValidationParameters
        {
            ValidIssuers = [auth.Issuer],
            ValidAudiences = new[] { auth.Audience, auth.ExternalAudience }.OfType<string>(),
            IssuerSigningKeys = [key.Key],
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
            },
            OnTokenValidated = async ctx =>
            {
                if (ctx.HttpContext.RequestServices.GetService<ITokenCheck>() is { } check) await check.CheckAsync(ctx);
                KeepClaimsOnly(ctx);
            }
        };
        // Nothing reads the token back from the authentication properties; a hub connection would keep it for hours.
        o.SaveToken = false;
    }

    /// <summary>
    /// The request's user becomes a plain identity with the token's claims (same authentication type, name and role claim
    /// types), without the validated token object the token handler's identity keeps. A WebSocket request lives as long
    /// as its hub connection, so for thousands of phones that token, its parsed payload and its own copy of the claims were
    /// a tenth of each connection's memory (ops/perf/README.md, issue #15, S3).
    /// </summary>
    public static void KeepClaimsOnly(TokenValidatedContext ctx)
    {
        if (ctx.Result is not null || ctx.Principal?.Identity is not ClaimsIdentity validated) return;
        ctx.Principal = new ClaimsPrincipal(new ClaimsIdentity(validated.Claims, validated.AuthenticationType, validated.NameClaimType,
            validated.RoleClaimType));
    }
}

/// <summary>
/// The symmetric key of this service's own tokens: from configuration; in Development without one, a key generated
/// once and kept in <see cref="AuthOptions.DevelopmentKeyFile"/> (git-ignored <c>.local/</c>), so tokens survive restarts.
/// </summary>
public sealed class SigningKeyHolder(IOptions<AuthOptions> options, IHostEnvironment environment)
{
    private readonly Lazy<SymmetricSecurityKey> _key = new(() => new SymmetricSecurityKey(
        options.Value.SigningKey is { Length: >= 32 } configured ? Encoding.UTF8.GetBytes(configured)
        : environment.IsDevelopment() ? KeptKey(Path.GetFullPath(options.Value.DevelopmentKeyFile))
        : throw new InvalidOperationException("Auth:SigningKey (32+ characters) is required outside Development.")));

    public SymmetricSecurityKey Key => _key.Value;

    /// <summary>The key in <paramref name="path"/>, created (32 random bytes, base64, readable by the owner only) if missing.</summary>
    public static byte[] KeptKey(string path)
    {
        if (File.Exists(path)) return Convert.FromBase64String(File.ReadAllText(path).Trim());
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var key = RandomNumberGenerator.GetBytes(32);
        var created = path + "." + Guid.NewGuid().ToString("N");
        File.WriteAllText(created, Convert.ToBase64String(key));
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(created, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        try
        {
            File.Move(created, path); // no overwrite: if another process created it meanwhile, theirs is the key
        }
        catch (IOException) when (File.Exists(path))
        {
            File.Delete(created);
            return Convert.FromBase64String(File.ReadAllText(path).Trim());
        }
        return key;
    }
}
