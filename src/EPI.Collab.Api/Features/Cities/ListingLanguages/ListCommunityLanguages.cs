using EPI.Collab.Api.Infrastructure.Contract;
using System.ComponentModel.DataAnnotations;
using EPI.Collab.Api.Features.Cities.GettingProfiles;
using EPI.Collab.Api.Features.ReferenceData;
using EPI.Collab.Api.Infrastructure;
using EPI.Collab.Api.Infrastructure.Auth;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace EPI.Collab.Api.Features.Cities.ListingLanguages;

/// <param name="Version">The city profile's version the editor saw (optimistic concurrency).</param>
/// <param name="Languages">The community languages, BCP 47 tags from <c>GET /api/languages</c>; the whole list, replacing the earlier one.</param>
public sealed record ListCommunityLanguages([property: ExpectedVersion] int Version, [property: Length(0, ListCommunityLanguages.MaxLanguages), UniqueItems, Language] IReadOnlyList<string> Languages)
{
    public static ListCommunityLanguages Example => new(1, ["uk", "ar", "hu", "fr"]);

    public const int MaxLanguages = 30;

    public Validation Check(CityFacts facts)
    {
        var v = new Validation()
            .Require(Languages is not null, "languages", "Required (an empty list clears it).")
            .Require((Languages?.Count ?? 0) <= MaxLanguages, "languages", $"At most {MaxLanguages} languages.");
        foreach (var (lang, i) in (Languages ?? []).Select((l, i) => (l, i)))
        {
            v.Require(ReferenceData.Languages.IsAccepted(lang), $"languages[{i}]", ReferenceData.Languages.AcceptedList, "language-unsupported");
            v.Require(!facts.OfficialLanguages.Contains(lang), $"languages[{i}]", $"'{lang}' is an official language of the city.");
            v.Require((Languages ?? []).Take(i).All(l => l != lang), $"languages[{i}]", $"'{lang}' is listed twice.");
        }
        return v;
    }
}

public static class ListCommunityLanguagesEndpoint
{
    public static Task<CityProfile?> LoadAsync(string cityId, IQuerySession session, CancellationToken ct) =>
        session.LoadAsync<CityProfile>(CityStream.Id(cityId), ct);

    public static ProblemDetails Validate(ListCommunityLanguages command, CityProfile? profile, string cityId) =>
        profile is null ? CityProblems.NotFound(cityId)
        : command.Check(profile.Facts).ToProblem();

    /// <summary>The decision: the new list replaces the old one.</summary>
    public static CommunityLanguagesListed Decide(ListCommunityLanguages command, string cityId, Actor actor, DateTimeOffset now) =>
        new(cityId, command.Languages, actor.Id, actor.Role, now);

    /// <summary>Set the languages of the city's newcomer communities, from which workshops pick session languages (city staff).</summary>
    [WolverinePost("/api/cities/{cityId}/community-languages", OperationId = "ListCommunityLanguages")]
    [Authorize(Policy = Policies.CityStaff), Tags("Cities")]
    public static async Task<CityProfile> Post(ListCommunityLanguages command, string cityId, Actor actor, IDocumentSession session,
        DateTimeOffset now, CancellationToken ct)
    {
        var stream = await session.Events.FetchForWriting<CityProfile>(CityStream.Id(cityId), command.Version, ct);
        var listed = Decide(command, cityId, actor, now);
        stream.AppendOne(listed);
        return CityProfileProjection.Apply(listed, stream.Aggregate!) with { Version = command.Version + 1 };
    }
}
