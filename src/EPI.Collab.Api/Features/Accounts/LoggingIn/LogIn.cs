using EPI.Collab.Api.Infrastructure.Contract;
using System.ComponentModel.DataAnnotations;
using EPI.Collab.Api.Infrastructure;
using EPI.Collab.Api.Infrastructure.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Wolverine.Http;

namespace EPI.Collab.Api.Features.Accounts.LoggingIn;

public sealed record LogIn([property: StringLength(200, MinimumLength = 1)] string Username, [property: StringLength(500, MinimumLength = 1)] string Password)
{
    public static LogIn Example => new("facilitator.cluj", "demo-facilitator");
}

/// <param name="Role">admin, coordinator, facilitator, auditor or observer.</param>
/// <param name="City">The city a coordinator or facilitator (or a city auditor) is bound to.</param>
public sealed record LoggedIn(string AccessToken, string TokenType, DateTimeOffset ExpiresAt, string Role, string? City);

public static class LogInEndpoint
{
    private static readonly PasswordHasher<ConfiguredAccount> Hasher = new();

    public static ProblemDetails Validate(LogIn command) =>
        new Validation()
            .Require(!string.IsNullOrWhiteSpace(command.Username), "username", "A username is required.")
            .Require(!string.IsNullOrEmpty(command.Password), "password", "A password is required.")
            .ToProblem();

    /// <summary>The decision: the account whose password matches, or none.</summary>
    public static ConfiguredAccount? Authenticate(IEnumerable<ConfiguredAccount> accounts, LogIn command) =>
        accounts.FirstOrDefault(a => string.Equals(a.Username, command.Username, StringComparison.OrdinalIgnoreCase)
            && a.PasswordHash.Length > 0
            && Hasher.VerifyHashedPassword(a, a.PasswordHash, command.Password) != PasswordVerificationResult.Failed);

    /// <summary>Log in with a configured account and receive a bearer token.</summary>
    [WolverinePost("/api/auth/login", OperationId = "LogIn"), AllowAnonymous, Tags("Accounts")]
    [RateLimited(RateLimitKind.LoggingIn)]
    [ProducesResponseType<LoggedIn>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status401Unauthorized)]
    public static IResult Post(LogIn command, IOptions<AuthOptions> options, TokenIssuer issuer)
    {
        if (Authenticate(options.Value.Accounts, command) is not { } account)
            return Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Unknown username or wrong password.");

        var token = issuer.Issue(account.Id, account.Role, account.City, account.Username);
        return Results.Ok(new LoggedIn(token.AccessToken, "Bearer", token.ExpiresAt, account.Role, account.City));
    }

    public static string HashPassword(string password) => Hasher.HashPassword(new ConfiguredAccount(), password);
}
