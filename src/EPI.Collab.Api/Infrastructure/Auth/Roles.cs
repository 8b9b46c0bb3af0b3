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
}
