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

namespace EPI.Collab.Api.Features.Transfer.Recording;

/// <param name="AudienceCount">How many attended or were reached: an aggregate count only.</param>
public sealed record RecordTransferActivity(TransferActivityKind Kind, DateOnly Date, [property: StringLength(RevisionRules.MaxTitle, MinimumLength = 2)] string Location, [property: Range(0, TransferRules.MaxAudience)] int AudienceCount,
    [property: Text(1, RevisionRules.MaxText), Length(1, Languages.MaxVersions)] IReadOnlyList<LocalizedText> Title, [property: Length(0, TransferRules.MaxMaterials)] IReadOnlyList<Material>? Materials = null)
{
    public static RecordTransferActivity Example => new(TransferActivityKind.NationalConference, new DateOnly(2022, 4, 7), "Cluj-Napoca",
        120, [new("en", "National conference on local integration strategies"), new("ro", "Conferința națională privind strategiile locale de integrare")],
        [new("Conference report", "https://epi-project.com/en/resources/")]);

    public Validation Check() => new Validation().CheckActivity(Kind, Date, Location, AudienceCount, Title, Materials);
}

public static class RecordTransferActivityEndpoint
{
    public static ProblemDetails Validate(RecordTransferActivity command) =>
        command.Check().ToProblem();

    /// <summary>The decision: an activity starts its own stream.</summary>
    public static TransferActivityRecorded Decide(RecordTransferActivity command, string cityId, Guid activityId, Actor actor,
        DateTimeOffset now) =>
        new(activityId, cityId, command.Kind, command.Date, command.Location.Trim(), command.AudienceCount, TransferRules.Trimmed(command.Title),
            TransferRules.Trimmed(command.Materials), actor.Id, actor.Role, now);

    /// <summary>Record a transfer activity of the city (its coordinator or facilitator, or an admin).</summary>
    [WolverinePost("/api/cities/{cityId}/transfer/activities", OperationId = "RecordTransferActivity")]
    [Authorize(Policy = Policies.CityCoordinator), Tags("Transfer")]
    public static (CreationResponse<Guid>, IStartStream) Post(RecordTransferActivity command, string cityId, Actor actor,
        DateTimeOffset now)
    {
        var recorded = Decide(command, cityId, Guid.CreateVersion7(now), actor, now);
        return (new CreationResponse<Guid>($"/api/cities/{cityId}/transfer/activities/{recorded.ActivityId}", recorded.ActivityId),
            MartenOps.StartStream<TransferActivity>(recorded.ActivityId, recorded));
    }
}
