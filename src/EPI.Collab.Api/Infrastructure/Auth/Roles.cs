namespace EPI.Collab.Api.Infrastructure.Auth;

/// <summary>Role names as they appear in the <c>role</c> claim of a token.</summary>
public static class Roles
{
    public const string Admin = "admin";
    public const string Coordinator = "coordinator";
    public const string Facilitator = "facilitator";
    public const string Auditor = "auditor";
    public const string Observer = "observer";
    public const string Participant = "participant";

    public static readonly IReadOnlySet<string> All =
        new HashSet<string> { Admin, Coordinator, Facilitator, Auditor, Observer, Participant };

    /// <summary>Roles that must be bound to exactly one city.</summary>
    public static readonly IReadOnlySet<string> CityBound = new HashSet<string> { Coordinator, Facilitator, Participant };
}

public static class EpiClaims
{
    public const string Subject = "sub";
    public const string Name = "name";
    public const string Role = "role";
    public const string City = "city";
    /// <summary>The one workshop a participant token is valid for.</summary>
    public const string Workshop = "workshop";
    /// <summary>
    /// Added by the server (never issued) to a validated participant token whose join waits for the facilitator: the
    /// participant may follow the workshop but not contribute or vote.
    /// </summary>
    public const string Waiting = "epi:waiting";
}

/// <summary>
/// A check of every validated bearer token against current state, run after its signature and lifetime are checked:
/// it may fail the token (a removed participant's token stops working) or add server-side claims.
/// </summary>
public interface ITokenCheck
{
    Task CheckAsync(Microsoft.AspNetCore.Authentication.JwtBearer.TokenValidatedContext context);
}
