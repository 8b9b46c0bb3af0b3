namespace EPI.Collab.Api.Infrastructure.Auth;

/// <summary>
/// Authorization policy names. Every endpoint names one of these with <c>[Authorize(Policy = ...)]</c>
/// or says <c>[AllowAnonymous]</c>; anything else falls back to "any signed-in user".
/// </summary>
public static class Policies
{
    /// <summary>Write access to the city in the route: admin, or that city's coordinator or facilitator.</summary>
    public const string CityStaff = "city-staff";

    /// <summary>
    /// Ownership of the city process in the route (review, strategy, pilots, transfer, organisations, erasure and subject
    /// access): admin, or that city's coordinator. Facilitators, who run workshops, are refused (403).
    /// </summary>
    public const string CityCoordinator = "city-coordinator";

    /// <summary>Read access to the city in the route: city staff, admins, auditors (all cities or that one).</summary>
    public const string CityReader = "city-reader";

    /// <summary>
    /// <see cref="CityReader"/> plus observers, who may read only published material: an endpoint with this policy
    /// returns unpublished material only when <c>CityAccess.Allows(user, cityId, CityAccessLevel.Read)</c>, else 403.
    /// </summary>
    public const string CityPublishedReader = "city-published-reader";

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

    /// <summary>
    /// Any signed-in admin, auditor, observer, coordinator or facilitator (of any city): the cross-city view of published
    /// material. Participants are refused (403).
    /// </summary>
    public const string CrossCityReader = "cross-city-reader";

    /// <summary>Admins only: accounts, cities and other platform-wide settings.</summary>
    public const string Admin = "admin";

    /// <summary>Admins and auditors (of any city): whole-log checks that name no city's data.</summary>
    public const string Auditor = "auditor";
}
