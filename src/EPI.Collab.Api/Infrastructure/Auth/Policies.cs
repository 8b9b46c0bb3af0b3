namespace EPI.Collab.Api.Infrastructure.Auth;

/// <summary>
/// Authorization policy names. Every endpoint names one of these with <c>[Authorize(Policy = ...)]</c>
/// or says <c>[AllowAnonymous]</c>; anything else falls back to "any signed-in user".
/// </summary>
public static class Policies
{
    /// <summary>Write access to the city in the route: admin, or that city's coordinator or facilitator.</summary>
    public const string CityStaff = "city-staff";

    /// <summary>Read access to the city in the route: city staff, admins, auditors (all cities or that one).</summary>
    public const string CityReader = "city-reader";

    /// <summary>
    /// <see cref="CityReader"/>, and observers for what the city has published: an endpoint with this policy shows
    /// observers only published material and answers 403 to them otherwise.
    /// </summary>
    public const string PublishedReader = "published-reader";

    /// <summary>
    /// A member of the workshop in the route: its participants (token bound to that workshop) and everyone
    /// with <see cref="CityReader"/> access to its city.
    /// </summary>
    public const string WorkshopMember = "workshop-member";

    /// <summary>
    /// Who may contribute to the workshop in the route: its participants and <see cref="CityStaff"/>
    /// (not auditors, who only read).
    /// </summary>
    public const string WorkshopContributor = "workshop-contributor";

    public const string Admin = "admin";
}
