using EPI.Collab.Api.Features.Decisions;
using EPI.Collab.Api.Features.Proposals;
using EPI.Collab.Api.Features.Strategies;
using EPI.Collab.Api.Features.Transfer.MethodTemplates;
using EPI.Collab.Api.Features.Voting;
using EPI.Collab.Api.Features.Workshops;
using EPI.Collab.Api.Features.Workshops.ListingWorkshops;
using EPI.Collab.Api.Infrastructure.Auth;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace EPI.Collab.Api.Features.Transfer.ExportingTemplate;

public static class ExportMethodTemplateEndpoint
{
    /// <summary>
    /// The city's process as a method template (version 1): agenda templates, voting rules, strategy skeleton and
    /// anonymised outcome counts. Reads the tenant's own documents only; builds the document with the pure
    /// <see cref="MethodTemplate.Export"/>.
    /// </summary>
    [WolverineGet("/api/cities/{cityId}/method-template", OperationId = "ExportMethodTemplate")]
    [Authorize(Policy = Policies.CityCoordinator), Tags("Transfer")]
    public static async Task<MethodTemplate> Get(string cityId, IQuerySession session, CancellationToken ct)
    {
        var workshops = await session.Query<CityWorkshop>().OrderBy(w => w.ScheduledAt).ToListAsync(ct);
        var agendas = (await session.LoadManyAsync<Workshop>(ct, workshops.Select(w => w.Id))).ToDictionary(w => w.Id, w => w.Agenda);
        var rounds = await session.Query<VotingRound>().ToListAsync(ct);
        var strategy = await session.LoadAsync<Strategy>(StrategyStream.Id(cityId), ct);
        var outcomes = new RawOutcomes(
            workshops.Count(w => w.Status == WorkshopStatus.Closed),
            await session.Query<Proposal>().CountAsync(ct),
            await session.Query<Ballot>().CountAsync(ct) + rounds.Sum(r => (r.Paper ?? []).Sum(p => p.Ballots)),
            await session.Query<DecisionRecord>().CountAsync(ct),
            strategy?.RevisionNo ?? 0);
        return MethodTemplate.Export(cityId, workshops.Select(w => (w, agendas.GetValueOrDefault(w.Id) ?? [])), rounds.Select(r => r.Rules),
            strategy?.Document, outcomes);
    }
}
