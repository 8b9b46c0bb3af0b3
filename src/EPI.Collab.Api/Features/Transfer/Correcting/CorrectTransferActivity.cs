using EPI.Collab.Api.Features.Strategies;
using EPI.Collab.Api.Infrastructure.Contract;
using System.ComponentModel.DataAnnotations;
using EPI.Collab.Api.Features.ReferenceData;
using EPI.Collab.Api.Infrastructure;
using EPI.Collab.Api.Infrastructure.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Marten;

namespace EPI.Collab.Api.Features.Transfer.Correcting;

/// <param name="Version">The activity's version the editor saw (optimistic concurrency).</param>
public sealed record CorrectTransferActivity([property: ExpectedVersion] int Version, TransferActivityKind Kind, DateOnly Date, [property: StringLength(RevisionRules.MaxTitle, MinimumLength = 2)] string Location, [property: Range(0, TransferRules.MaxAudience)] int AudienceCount,
    [property: Text(1, RevisionRules.MaxText), Length(1, Languages.MaxVersions)] IReadOnlyList<LocalizedText> Title, [property: Length(0, TransferRules.MaxMaterials)] IReadOnlyList<Material>? Materials = null)
{
    public static CorrectTransferActivity Example => new(1, TransferActivityKind.NationalConference, new DateOnly(2022, 4, 7), "Cluj-Napoca",
        134, [new("en", "National conference on local integration strategies")], [new("Conference report", "https://epi-project.com/en/resources/")]);

    public Validation Check() => new Validation().CheckActivity(Kind, Date, Location, AudienceCount, Title, Materials);
}

public static class CorrectTransferActivityEndpoint
{
    public static ProblemDetails Validate(CorrectTransferActivity command, TransferActivity? activity, Guid activityId) =>
        activity is null ? TransferRules.NotFound(activityId)
        : command.Check().ToProblem();

    /// <summary>The decision: the new values replace the old ones; the stream keeps every earlier version.</summary>
    public static TransferActivityCorrected Decide(CorrectTransferActivity command, TransferActivity activity, Actor actor, DateTimeOffset now) =>
        new(activity.Id, activity.CityId, command.Kind, command.Date, command.Location.Trim(), command.AudienceCount,
            TransferRules.Trimmed(command.Title), TransferRules.Trimmed(command.Materials), actor.Id, actor.Role, now);

    /// <summary>Correct a transfer activity (coordinator).</summary>
    [WolverinePost("/api/cities/{cityId}/transfer/activities/{activityId}/correct", OperationId = "CorrectTransferActivity")]
    [Authorize(Policy = Policies.CityCoordinator), Tags("Transfer")]
    public static (UpdatedAggregate, Events) Post(CorrectTransferActivity command, [WriteAggregate("activityId")] TransferActivity activity,
        Actor actor, DateTimeOffset now) =>
        (new UpdatedAggregate(), [Decide(command, activity, actor, now)]);
}
