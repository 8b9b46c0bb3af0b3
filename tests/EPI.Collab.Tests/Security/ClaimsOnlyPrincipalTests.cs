using System.Security.Claims;
using System.Text;
using EPI.Collab.Api.Infrastructure.Auth;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace EPI.Collab.Tests.Security;

/// <summary>
/// A validated bearer token's user keeps its claims, name and roles, but not the token object the token handler's identity
/// holds: a hub connection keeps its request's user for hours (issue #15, S3: a tenth of each connection's memory).
/// </summary>
[Trait(Lane.Name, Lane.Unit)]
public sealed class ClaimsOnlyPrincipalTests
{
    private static readonly SymmetricSecurityKey Key = new(Encoding.UTF8.GetBytes(SigningKey));
    private const string SigningKey = "a-test-key-of-at-least-32-characters-long!";

    private static async Task<TokenValidatedContext> Validated()
    {
        var handler = new JsonWebTokenHandler();
        var token = handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = "epi-collab", Audience = "epi-collab", SigningCredentials = new SigningCredentials(Key, SecurityAlgorithms.HmacSha256),
            Subject = new ClaimsIdentity([new Claim(EpiClaims.Subject, "p-1"), new Claim(EpiClaims.Role, Roles.Participant),
                new Claim(EpiClaims.City, "cluj-napoca"), new Claim(EpiClaims.Name, "Ana")])
        });
        var result = await handler.ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = "epi-collab", ValidAudience = "epi-collab", IssuerSigningKey = Key, NameClaimType = EpiClaims.Name,
            RoleClaimType = EpiClaims.Role
        });
        result.IsValid.ShouldBeTrue();
        return new TokenValidatedContext(new DefaultHttpContext(), new AuthenticationScheme("Bearer", null, typeof(JwtBearerHandler)),
            new JwtBearerOptions()) { Principal = new ClaimsPrincipal(result.ClaimsIdentity), SecurityToken = result.SecurityToken };
    }

    [Fact]
    public async Task the_user_keeps_claims_name_and_roles_without_the_token()
    {
        var ctx = await Validated();
        var before = ctx.Principal!;
        before.Identity.ShouldBeOfType<CaseSensitiveClaimsIdentity>().SecurityToken.ShouldNotBeNull(); // what the handler's identity holds

        AuthSetup.KeepClaimsOnly(ctx);

        var after = ctx.Principal!;
        after.ShouldNotBeSameAs(before);
        var kept = (after.Identity as CaseSensitiveClaimsIdentity)?.SecurityToken;
        kept.ShouldBeNull();
        after.Claims.Select(c => (c.Type, c.Value)).ShouldBe(before.Claims.Select(c => (c.Type, c.Value)));
        after.Identity!.IsAuthenticated.ShouldBeTrue();
        after.Identity.AuthenticationType.ShouldBe(before.Identity!.AuthenticationType);
        after.Identity.Name.ShouldBe("Ana");
        after.IsInRole(Roles.Participant).ShouldBeTrue();
    }

    [Fact]
    public async Task a_failed_token_is_left_as_it_failed()
    {
        var ctx = await Validated();
        var before = ctx.Principal;
        ctx.Fail("This participant was removed from the workshop.");

        AuthSetup.KeepClaimsOnly(ctx);

        ctx.Principal.ShouldBeSameAs(before);
        ctx.Result!.Succeeded.ShouldBeFalse();
    }
}
