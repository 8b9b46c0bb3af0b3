using EPI.Collab.Api.Infrastructure;

namespace EPI.Collab.Api.Features.Cities;

/// <summary>Profile facts of a city; population figures always carry their year and source.</summary>
public sealed record CityFacts(
    string Name,
    string LocalName,
    string Country,
    IReadOnlyList<string> OfficialLanguages,
    IReadOnlyList<string> CommunityLanguages,
    string TimeZone,
    int? Population,
    int? PopulationYear,
    string? PopulationSource,
    decimal? ForeignResidentShare,
    string MunicipalUnit,
    bool IccMember,
    string ConsortiumStatus,
    string? Replaces,
    string? Note);

/// <summary>
/// An event about a city's process (review, organisations, strategy, pilots, transfer). The relay puts each one on the
/// city's live feed (gap-free positions per city) and pushes it to clients following the city. Such events carry no
/// personal data: they are shown to everyone who may read the city.
/// </summary>
public interface ICityEvent
{
    string CityId { get; }
}

/// <summary>A city joined EPI Collab. The city id is a stable slug (e.g. <c>cluj-napoca</c>) and also its tenant id.</summary>
public sealed record CityRegistered(string CityId, CityFacts Facts, Guid RegisteredBy, string RegisteredByRole, DateTimeOffset RegisteredAt);

/// <summary>
/// City staff listed the languages of the city's newcomer communities (replacing the earlier list). A workshop picks its
/// session languages from these, the city's official languages and English.
/// </summary>
public sealed record CommunityLanguagesListed(string CityId, IReadOnlyList<string> Languages, Guid By, string ByRole, DateTimeOffset At)
    : ICityEvent;

/// <summary>Write model of a city stream: only what decisions read.</summary>
public sealed record City(Guid Id, string CityId)
{
    public static City Create(CityRegistered e) => new(CityStream.Id(e.CityId), e.CityId);

    public City Apply(CommunityLanguagesListed e) => this;
}

public static class CityStream
{
    private static readonly Guid Namespace = new("5b0c7c07-3e0e-4a77-9a9e-61d1b0e0c1a1");

    /// <summary>The stream id of a city, derived from its slug so every node and every seed run agree on it.</summary>
    public static Guid Id(string cityId) => DeterministicGuid.Create(Namespace, cityId);
}

/// <summary>Refusals every city slice words the same way.</summary>
public static class CityProblems
{
    public static Microsoft.AspNetCore.Mvc.ProblemDetails NotFound(string cityId) => Problems.NotFound($"There is no city '{cityId}'.");
}
