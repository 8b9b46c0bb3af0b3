using EPI.Collab.Api.Infrastructure.Contract;
using System.ComponentModel.DataAnnotations;
using EPI.Collab.Api.Infrastructure;
using EPI.Collab.Api.Infrastructure.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Marten;

namespace EPI.Collab.Api.Features.Reviews.Comparing;

/// <param name="Min">Band lower bound (inhabitants for POP_BAND, % for FOREIGN_BORN_BAND); none for ALL.</param>
/// <param name="Rank">The place in the sample where the source gives one; shown as context, never as a league table.</param>
public sealed record RecordComparison(
    [property: ExpectedVersion] int Version, ComparisonGroup Group, [property: Range(0, 1_000_000_000)] decimal? Min, [property: Range(0, 1_000_000_000)] decimal? Max, [property: Range(1, 100_000)] int SampleSize, [property: StringLength(100, MinimumLength = 1)] string SampleVersion, [property: Range(1, 100_000)] int? Rank, [property: Range(0, 100)] decimal SampleMean)
{
    public static RecordComparison Example => new(3, ComparisonGroup.PopBand, 200_000, null, 41, "ICC 2021", null, 62);

    public Validation Check()
    {
        var band = Group is ComparisonGroup.PopBand or ComparisonGroup.ForeignBornBand;
        return new Validation()
            .Require(Enum.IsDefined(Group), "group", "Unknown comparison group.")
            .Require(band ? Min is not null || Max is not null : Min is null && Max is null, "min",
                band ? "A band needs min, max or both." : "The whole sample has no band.")
            .Require(Min is null || Max is null || Max > Min, "max", "Must be above min.")
            .Require(Min is null or >= 0 && Max is null or >= 0, "min", "Not negative.")
            .Require(Group != ComparisonGroup.ForeignBornBand || Max is null or <= 100, "max", "A share is at most 100 %.")
            .Require(SampleSize is >= 1 and <= 100_000, "sampleSize", "Between 1 and 100000.")
            .RequireLength(SampleVersion, "sampleVersion", 1, 100)
            .Require(Rank is null || (Rank >= 1 && Rank <= SampleSize), "rank", "Between 1 and sampleSize.")
            .Require(SampleMean is >= 0 and <= 100, "sampleMean", "Between 0 and 100.");
    }
}

public static class RecordComparisonEndpoint
{
    public static ProblemDetails Validate(RecordComparison command, Review? review, Guid reviewId) =>
        ReviewRules.ValidateEdit(review, reviewId, command.Check());

    public static ComparisonRecorded Decide(RecordComparison c, Review review, Actor actor, DateTimeOffset now) =>
        new(review.Id, review.CityId, new Comparison(c.Group, c.Min, c.Max, c.SampleSize, c.SampleVersion.Trim(), c.Rank, c.SampleMean),
            actor.Id, actor.Role, now);

    /// <summary>Record (or replace) how the city compares with a sample group (staff, before validation).</summary>
    [WolverinePost("/api/cities/{cityId}/reviews/{reviewId}/comparisons", OperationId = "RecordComparison")]
    [Authorize(Policy = Policies.CityCoordinator), Tags("Intercultural Review")]
    public static (UpdatedAggregate, Events) Post(RecordComparison command, [WriteAggregate] Review review, Actor actor,
        DateTimeOffset now) =>
        (new UpdatedAggregate(), [Decide(command, review, actor, now)]);
}
