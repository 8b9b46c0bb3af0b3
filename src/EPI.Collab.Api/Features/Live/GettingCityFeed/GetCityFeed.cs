using EPI.Collab.Api.Features.Cities;
using System.ComponentModel.DataAnnotations;
using EPI.Collab.Api.Infrastructure;
using EPI.Collab.Api.Infrastructure.Auth;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace EPI.Collab.Api.Features.Live;

public static class GetCityFeedEndpoint
{
    public const int MaxPage = 500;

    public static ProblemDetails Validate([Range(0, 1_000_000_000_000)] long? after, [Range(1, MaxPage)] int? limit) => new Validation()
        .Require(after is null or >= 0, "after", "Must be 0 or more.")
        .Require(limit is null or (>= 1 and <= MaxPage), "limit", $"Between 1 and {MaxPage}.")
        .ToProblem();

    /// <summary>Every message of the city's feed after a position, in feed order (catch-up after a reconnect).</summary>
    [WolverineGet("/api/cities/{cityId}/feed", OperationId = "GetCityFeed")]
    [Authorize(Policy = Policies.CityReader), Tags("Live")]
    public static Task<IReadOnlyList<CityMessage>> Get(string cityId, long? after, int? limit, IQuerySession session, CancellationToken ct)
    {
        var from = after ?? 0;
        return session.Query<CityMessage>()
            .Where(m => m.CityId == cityId && m.Position > from)
            .OrderBy(m => m.Position)
            .Take(limit ?? MaxPage)
            .ToListAsync(ct);
    }
}
