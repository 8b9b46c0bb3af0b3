using EPI.Collab.Api.Features.Cities;
using EPI.Collab.Api.Features.Cities.GettingProfiles;
using EPI.Collab.Api.Features.ReferenceData;
using EPI.Collab.Api.Features.Strategies;
using EPI.Collab.Api.Features.Strategies.Revising;
using EPI.Collab.Api.Features.Strategies.Starting;
using EPI.Collab.Api.Features.Transfer.MethodTemplates;
using EPI.Collab.Api.Features.Workshops;
using EPI.Collab.Api.Features.Workshops.Scheduling;
using EPI.Collab.Api.Infrastructure;
using EPI.Collab.Api.Infrastructure.Auth;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace EPI.Collab.Api.Features.Transfer.ImportingTemplate;

/// <summary>A city started its own process from another city's method template: what the import created.</summary>
public sealed record MethodTemplateImported(Guid ImportId, string CityId, string SourceCityId, int TemplateVersion, IReadOnlyList<Guid> WorkshopIds,
    Guid? StrategyId, Guid? RevisionId, bool StrategySkipped, Guid By, string ByRole, DateTimeOffset At) : ICityEvent;

/// <summary>The events an import appends, each built by the decision of the slice that owns it.</summary>
public sealed record ImportPlan(IReadOnlyList<WorkshopScheduled> Workshops, StrategyDrafted? Drafted, RevisionProposed? Objectives,
    MethodTemplateImported Imported);

/// <param name="Strategy">Null when the strategy was drafted; a 409 problem when the city already had one (the rest was imported).</param>
public sealed record MethodTemplateImport(Guid ImportId, IReadOnlyList<Guid> WorkshopIds, Guid? StrategyId, Guid? RevisionId, ProblemDetails? Strategy);

/// <summary>The importing city and whether it has a strategy already.</summary>
public sealed record ImportTarget(CityProfile? City, bool HasStrategy);

public static class ImportMethodTemplateEndpoint
{
    public static async Task<ImportTarget> LoadAsync(string cityId, IQuerySession session, CancellationToken ct) =>
        new(await session.LoadAsync<CityProfile>(CityStream.Id(cityId), ct),
            await session.Events.FetchStreamStateAsync(StrategyStream.Id(cityId), ct) is not null);

    public static ProblemDetails Validate(MethodTemplate template, ImportTarget target, string cityId) =>
        target.City is null ? CityProblems.NotFound(cityId)
        : template.Check().ToProblem();

    /// <summary>
    /// The decision: every agenda template becomes a SCHEDULED workshop with a new id (the scheduling decision);
    /// without a strategy, one is drafted (the start decision) and the skeleton's objectives wait as its first revision.
    /// </summary>
    public static ImportPlan Decide(MethodTemplate template, string cityId, bool hasStrategy, Guid importId, Actor actor, DateTimeOffset now)
    {
        var workshops = template.AgendaTemplates.Select((a, i) =>
            ScheduleWorkshopEndpoint.Decide(MethodTemplateRules.Schedule(a), cityId, DeterministicGuid.Create(importId, $"workshop:{i}"), actor, now)).ToList();
        StrategyDrafted? drafted = null;
        RevisionProposed? objectives = null;
        if (!hasStrategy && template.StrategySkeleton is { } skeleton)
        {
            drafted = StartStrategyEndpoint.Decide(new StartStrategy($"Integration strategy of {cityId}",
                [new LocalizedText("en", $"Drafted from the method template of {template.SourceCityId}; to be written by the city.")]), cityId, actor, now);
            if (skeleton.Objectives.Count > 0)
                objectives = ProposeRevisionEndpoint.Decide(Strategy.Create(drafted) with { Version = 1 },
                    new ProposeRevision(1, RevisionReason.MethodTemplate, null, $"Objectives from the method template of {template.SourceCityId}",
                        MethodTemplateRules.Objectives(skeleton, importId)), actor, now);
        }
        return new(workshops, drafted, objectives, new MethodTemplateImported(importId, cityId, template.SourceCityId, template.TemplateVersion,
            [.. workshops.Select(w => w.WorkshopId)], drafted?.StrategyId, objectives?.RevisionId, hasStrategy && template.StrategySkeleton is not null,
            actor.Id, actor.Role, now));
    }

    /// <summary>Start this city's process from a method template (staff of the importing city).</summary>
    [WolverinePost("/api/cities/{cityId}/method-template/import", OperationId = "ImportMethodTemplate")]
    [Authorize(Policy = Policies.CityCoordinator), Tags("Transfer")]
    public static MethodTemplateImport Post(MethodTemplate template, string cityId, ImportTarget target,
        IDocumentSession session, Actor actor, DateTimeOffset now)
    {
        var plan = Decide(template, cityId, target.HasStrategy, Guid.CreateVersion7(now), actor, now);
        // Several new streams in one transaction: the endpoint appends what the decisions returned (Wolverine commits).
        foreach (var w in plan.Workshops) session.Events.StartStream<Workshop>(w.WorkshopId, w);
        if (plan.Drafted is { } drafted)
            session.Events.StartStream<Strategy>(drafted.StrategyId, [drafted, .. plan.Objectives is { } o ? new object[] { o } : []]);
        session.Events.StartStream(plan.Imported.ImportId, plan.Imported);
        return new(plan.Imported.ImportId, plan.Imported.WorkshopIds, plan.Imported.StrategyId, plan.Imported.RevisionId,
            plan.Imported.StrategySkipped ? StrategyProblems.AlreadyStarted(cityId) : null);
    }
}
