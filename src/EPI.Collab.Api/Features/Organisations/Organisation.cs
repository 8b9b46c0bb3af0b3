using EPI.Collab.Api.Features.Cities;
using EPI.Collab.Api.Infrastructure;

namespace EPI.Collab.Api.Features.Organisations;

/// <summary>The kinds of organisation that take part in a city's process (DOMAIN §5.3).</summary>
public enum OrganisationType
{
    LocalAuthority, WelfareInstitution, Cso, GrassrootsNgo, MigrantLedOrg, SocialEnterprise, Business, Academia,
    ReligiousCommunity, InternationalOrg, Diplomatic, PublicEmploymentService, TechnicalPartner, Coordinator
}

public enum OrganisationLevel { Local, Regional, National, Eu }

/// <summary>Staff registered an organisation of the city. It holds the organisation's name, never the names of people.</summary>
public sealed record OrganisationRegistered(
    Guid OrganisationId, string CityId, string Name, OrganisationType Type, OrganisationLevel Level, bool IsProjectPartner,
    Guid By, string ByRole, DateTimeOffset At) : ICityEvent;

/// <summary>Staff corrected or changed an organisation's name, type, level or partner status (the new values, all of them).</summary>
public sealed record OrganisationRevised(
    Guid OrganisationId, string CityId, string Name, OrganisationType Type, OrganisationLevel Level, bool IsProjectPartner,
    Guid By, string ByRole, DateTimeOffset At) : ICityEvent;

/// <summary>
/// An organisation as it is read and as decisions see it (the whole record is small). <see cref="Version"/> is the
/// stream version that revisions send back.
/// </summary>
public sealed record Organisation(
    Guid Id, string CityId, string Name, OrganisationType Type, OrganisationLevel Level, bool IsProjectPartner,
    DateTimeOffset RegisteredAt, DateTimeOffset LastChangedAt, int Version = 0)
{
    public const int MaxNameLength = 200;

    public static Organisation Create(OrganisationRegistered e) =>
        new(e.OrganisationId, e.CityId, e.Name, e.Type, e.Level, e.IsProjectPartner, e.At, e.At);

    public Organisation Apply(OrganisationRevised e) =>
        this with { Name = e.Name, Type = e.Type, Level = e.Level, IsProjectPartner = e.IsProjectPartner, LastChangedAt = e.At };
}

/// <summary>The fields that registering and revising share, checked the same way.</summary>
public static class OrganisationRules
{
    public static Validation CheckProfile(this Validation v, string? name, OrganisationType type, OrganisationLevel level) => v
        .RequireLength(name, "name", 2, Organisation.MaxNameLength)
        .Require(Enum.IsDefined(type), "type", "Unknown organisation type.")
        .Require(Enum.IsDefined(level), "level", "Unknown level.");

    public static Microsoft.AspNetCore.Mvc.ProblemDetails NotFound(Guid organisationId) =>
        Problems.NotFound($"There is no organisation {organisationId} in this city.");
}
