using Marten.Events.Aggregation;

namespace EPI.Collab.Api.Features.Cities.GettingProfiles;

/// <summary>The published profile of a city (public reference data).</summary>
public sealed record CityProfile(Guid Id, string CityId, CityFacts Facts, DateTimeOffset RegisteredAt);

public sealed partial class CityProfileProjection : SingleStreamProjection<CityProfile, Guid>
{
    public static CityProfile Create(CityRegistered e) => new(CityStream.Id(e.CityId), e.CityId, e.Facts, e.RegisteredAt);
}
