using Marten.Events.Aggregation;

namespace EPI.Collab.Api.Features.Cities.GettingProfiles;

/// <summary>The published profile of a city (public reference data).</summary>
/// <param name="Version">The city stream's version, sent back by commands on the city (optimistic concurrency).</param>
public sealed record CityProfile(Guid Id, string CityId, CityFacts Facts, DateTimeOffset RegisteredAt, int Version = 0)
{
    /// <summary>The languages a workshop of this city may run in: English, the official and the community languages.</summary>
    public IReadOnlyList<string> SessionLanguages =>
        ["en", .. Facts.OfficialLanguages.Where(l => l != "en"), .. Facts.CommunityLanguages.Where(l => l != "en" && !Facts.OfficialLanguages.Contains(l))];
}

public sealed partial class CityProfileProjection : SingleStreamProjection<CityProfile, Guid>
{
    public static CityProfile Create(CityRegistered e) => new(CityStream.Id(e.CityId), e.CityId, e.Facts, e.RegisteredAt);

    public static CityProfile Apply(CommunityLanguagesListed e, CityProfile profile) =>
        profile with { Facts = profile.Facts with { CommunityLanguages = e.Languages } };
}
