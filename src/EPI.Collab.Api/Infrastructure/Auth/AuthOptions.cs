namespace EPI.Collab.Api.Infrastructure.Auth;

/// <summary>The <c>Auth</c> configuration section.</summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";

    /// <summary>Issuer and audience of the tokens this service issues itself.</summary>
    public string Issuer { get; set; } = "epi-collab";
    public string Audience { get; set; } = "epi-collab";

    /// <summary>HMAC key (at least 32 characters) for tokens this service issues. Required outside Development.</summary>
    public string? SigningKey { get; set; }

    /// <summary>
    /// Development without <see cref="SigningKey"/>: the file a generated key is kept in (relative to the working
    /// directory; <c>./ops/run.sh</c> runs from the repository root), so tokens survive a restart.
    /// </summary>
    public string DevelopmentKeyFile { get; set; } = ".local/dev-signing-key";

    public int TokenLifetimeMinutes { get; set; } = 480;

    /// <summary>An external OpenID Connect issuer; when set, its tokens are accepted too (production).</summary>
    public string? Authority { get; set; }

    /// <summary>Audience expected in tokens of the external issuer.</summary>
    public string? ExternalAudience { get; set; }

    /// <summary>Accounts that may log in at <c>POST /api/auth/login</c>.</summary>
    public List<ConfiguredAccount> Accounts { get; set; } = [];
}

/// <summary>One account; the password is stored only as an ASP.NET Core Identity (PBKDF2) hash.</summary>
public sealed class ConfiguredAccount
{
    public Guid Id { get; set; }
    public string Username { get; set; } = "";
    public string PasswordHash { get; set; } = "";
    public string Role { get; set; } = "";
    public string? City { get; set; }
    /// <summary>Only for printing demo logins at start-up in Development; never set in production.</summary>
    public string? DemoPassword { get; set; }
}
