using System.Security.Claims;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace EPI.Collab.Api.Infrastructure.Auth;

/// <summary>Issues the service's own signed JWTs (staff logins; later, workshop participant tokens).</summary>
public sealed class TokenIssuer(IOptions<AuthOptions> options, SigningKeyHolder key, TimeProvider clock)
{
    private readonly JsonWebTokenHandler _handler = new();

    public IssuedToken Issue(Guid subject, string role, string? city, string? name = null, TimeSpan? lifetime = null,
        Guid? workshop = null)
    {
        var now = clock.GetUtcNow();
        var expires = now + (lifetime ?? TimeSpan.FromMinutes(options.Value.TokenLifetimeMinutes));
        var claims = new List<Claim> { new(EpiClaims.Subject, subject.ToString()), new(EpiClaims.Role, role) };
        if (city is not null) claims.Add(new Claim(EpiClaims.City, city));
        if (name is not null) claims.Add(new Claim(EpiClaims.Name, name));
        if (workshop is not null) claims.Add(new Claim(EpiClaims.Workshop, workshop.Value.ToString()));

        var token = _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = options.Value.Issuer,
            Audience = options.Value.Audience,
            Subject = new ClaimsIdentity(claims),
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expires.UtcDateTime,
            SigningCredentials = new SigningCredentials(key.Key, SecurityAlgorithms.HmacSha256)
        });
        return new IssuedToken(token, expires);
    }
}

public sealed record IssuedToken(string AccessToken, DateTimeOffset ExpiresAt);
