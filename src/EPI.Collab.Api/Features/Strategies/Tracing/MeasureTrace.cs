using EPI.Collab.Api.Features.Decisions;
using EPI.Collab.Api.Features.Proposals;
using EPI.Collab.Api.Features.Proposals.GettingDetails;
using EPI.Collab.Api.Features.Strategies.GettingDetails;

namespace EPI.Collab.Api.Features.Strategies.Tracing;

/// <summary>A recorded decision as the trace shows it: its rounds and the proposals it adopted, at the versions the rounds pinned.</summary>
public sealed record TracedDecision(Guid DecisionId, Guid WorkshopId, string RuleApplied, IReadOnlyList<Guid> RoundIds,
    IReadOnlyList<AdoptedProposal> AdoptedProposals, string DecidedByRole, DateTimeOffset DecidedAt);

/// <param name="Decision">Null when the revision named no decision (or the decision is not stored in this city).</param>
public sealed record TracedRevision(int RevisionNo, Guid RevisionId, ChangeKind Change, RevisionReason Reason, string Summary,
    DateTimeOffset? AdoptedAt, Guid? DecisionId, TracedDecision? Decision);

/// <param name="PinnedVersion">The version a traced decision adopted, when one did.</param>
public sealed record OriginProposal(Guid ProposalId, Guid? WorkshopId, int? CurrentVersion, ProposalStatus? Status, int? PinnedVersion);

/// <summary>Where a measure came from: the revision that added it, those that changed it, the decisions and proposals behind them.</summary>
public sealed record MeasureTrace(Guid MeasureId, Measure? Current, TracedRevision AddedIn, IReadOnlyList<TracedRevision> ChangedIn,
    IReadOnlyList<OriginProposal> OriginProposals)
{
    /// <summary>The adopted revisions that touched the measure, oldest first.</summary>
    public static IReadOnlyList<(RevisionEntry Revision, StrategyChange Change)> Touching(StrategyDetails strategy, Guid measureId) =>
        [.. strategy.Adopted.SelectMany(r => r.Changes.Where(c => c.Kind is ChangeKind.AddMeasure or ChangeKind.UpdateMeasure or ChangeKind.RemoveMeasure
            && c.TargetId == measureId).Select(c => (r, c)))];

    public static IReadOnlyList<Guid> OriginProposalIds(StrategyDetails strategy, Guid measureId) =>
        [.. Touching(strategy, measureId).SelectMany(t => t.Change.Measure?.OriginProposalIds ?? []).Distinct()];

    /// <summary>Pure: assembles the trace from stored data (null when no adopted revision ever added the measure).</summary>
    public static MeasureTrace? Build(StrategyDetails strategy, Guid measureId, IReadOnlyList<DecisionRecord> decisions,
        IReadOnlyList<ProposalDetails> proposals)
    {
        var touching = Touching(strategy, measureId);
        if (touching.Count == 0 || touching[0].Change.Kind != ChangeKind.AddMeasure) return null;
        var byId = decisions.ToDictionary(d => d.Id);
        var traced = touching.Select(t => new TracedRevision(t.Revision.RevisionNo!.Value, t.Revision.RevisionId, t.Change.Kind, t.Revision.Reason,
            t.Revision.Summary, t.Revision.AdoptedAt, t.Revision.DecisionId,
            t.Revision.DecisionId is { } id && byId.TryGetValue(id, out var d)
                ? new TracedDecision(d.Id, d.WorkshopId, d.RuleApplied, d.RoundIds, d.Adopted, d.DecidedByRole, d.DecidedAt) : null)).ToList();
        var pinned = decisions.SelectMany(d => d.Adopted).GroupBy(a => a.ProposalId).ToDictionary(g => g.Key, g => g.Max(a => a.ProposalVersion));
        var known = proposals.ToDictionary(p => p.Id);
        var origins = OriginProposalIds(strategy, measureId).Select(id => known.TryGetValue(id, out var p)
            ? new OriginProposal(id, p.WorkshopId, p.CurrentVersion, p.Status, pinned.TryGetValue(id, out var v) ? v : null)
            : new OriginProposal(id, null, null, null, pinned.TryGetValue(id, out var w) ? w : null)).ToList();
        return new MeasureTrace(measureId, strategy.Document.Measures.FirstOrDefault(m => m.Id == measureId), traced[0], traced[1..], origins);
    }
}
