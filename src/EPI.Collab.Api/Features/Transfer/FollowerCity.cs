using System.Text.RegularExpressions;
using EPI.Collab.Api.Features.Cities;
using EPI.Collab.Api.Features.Cities.Registering;
using EPI.Collab.Api.Infrastructure;

namespace EPI.Collab.Api.Features.Transfer;

/// <summary>Forward or back one step at a time.</summary>
public enum InterestLevel { Aware, Interested, Committed, Replicating }

/// <summary>The method set named on the EPI pages (DOMAIN §5.6).</summary>
public enum ReplicationMethod { InterculturalReview, PolicyDesignProcess, PilotStrategy }

/// <summary>
/// Staff registered a follower city: a municipality outside the consortium interested in the method. It is an
/// organisation-level record (a city and optionally its contact organisation), never a person.
/// </summary>
public sealed record FollowerCityRegistered(
    Guid FollowerCityId, string CityId, string Name, string Country, Guid? ContactOrganisationId, InterestLevel InterestLevel,
    IReadOnlyList<ReplicationMethod> MethodsOfInterest, Guid? SourceActivityId, string MentorCityId, Guid By, string ByRole,
    DateTimeOffset At) : ICityEvent;

/// <summary>The follower city's interest moved one step, with a note on why.</summary>
public sealed record InterestLevelChanged(Guid FollowerCityId, string CityId, InterestLevel From, InterestLevel To, string Note, Guid By,
    string ByRole, DateTimeOffset At) : ICityEvent;

/// <summary>A follower city as it is read and as decisions see it (organisation-level data only).</summary>
public sealed record FollowerCity(
    Guid Id, string CityId, string Name, string Country, Guid? ContactOrganisationId, InterestLevel InterestLevel,
    IReadOnlyList<ReplicationMethod> MethodsOfInterest, Guid? SourceActivityId, string MentorCityId, DateTimeOffset RegisteredAt,
    DateTimeOffset LastChangedAt, int Version = 0)
{
    /// <summary>Tells every reader that this record is about a municipality, not a person.</summary>
    public string RecordKind => "ORGANISATION";

    public static FollowerCity Create(FollowerCityRegistered e) => new(e.FollowerCityId, e.CityId, e.Name, e.Country,
        e.ContactOrganisationId, e.InterestLevel, e.MethodsOfInterest, e.SourceActivityId, e.MentorCityId, e.At, e.At);

    public FollowerCity Apply(InterestLevelChanged e) => this with { InterestLevel = e.To, LastChangedAt = e.At };
}

public static partial class FollowerRules
{
    public const int MaxNoteLength = 1000;

    [GeneratedRegex("^[A-Z]{2}$")]
    private static partial Regex CountryCode();

    /// <summary>ISO 3166-1 alpha-2 format: two capital letters.</summary>
    public static bool IsCountryCode(string? code) => code is not null && CountryCode().IsMatch(code);

    public static bool IsEpiCity(string? cityId) => EpiCities.All.Any(c => c.CityId == cityId);

    /// <summary>Interest changes one step forward or back.</summary>
    public static bool IsOneStep(InterestLevel from, InterestLevel to) => Math.Abs((int)to - (int)from) == 1;

    public static Microsoft.AspNetCore.Mvc.ProblemDetails NotFound(Guid followerCityId) =>
        Problems.NotFound($"There is no follower city {followerCityId} for this city.");
}
