using EPI.Collab.Api.Features.Decisions;
using EPI.Collab.Api.Features.Strategies;
using EPI.Collab.Api.Features.Voting;
using Marten;

namespace EPI.Collab.Api.Features.Audit.GettingTimeline;

/// <summary>What lies behind each audited item (issue #5: a decision includes its rounds, their ballots and its proposals).</summary>
public static class AuditScopes
{
    public static AuditScope Round(Guid roundId) => new([roundId], [roundId], [], [], []);

    public static async Task<AuditScope?> DecisionAsync(IQuerySession session, Guid decisionId, CancellationToken ct)
    {
        if (await session.LoadAsync<DecisionRecord>(decisionId, ct) is not { } decision) return null;
        var rounds = await session.LoadManyAsync<VotingRound>(ct, decision.RoundIds);
        var proposals = decision.Adopted.Select(a => a.ProposalId).Concat(rounds.SelectMany(r => r.Options.Select(o => o.ProposalId)));
        return new AuditScope([decisionId, .. decision.RoundIds, .. proposals.Distinct()], [.. decision.RoundIds], [], [], []);
    }

    /// <summary>An adopted revision: its proposed and adopted events, plus the decision it was made on (recursively).</summary>
    public static async Task<AuditScope?> RevisionAsync(IQuerySession session, string cityId, int revisionNumber, CancellationToken ct)
    {
        var strategyId = StrategyStream.Id(cityId);
        var adopted = await session.Events.QueryRawEventDataOnly<RevisionAdopted>()
            .Where(e => e.StrategyId == strategyId && e.RevisionNo == revisionNumber).ToListAsync(ct);
        if (adopted.Count == 0) return null;
        var revisionId = adopted[0].RevisionId;
        var proposed = await session.Events.QueryRawEventDataOnly<RevisionProposed>()
            .Where(e => e.StrategyId == strategyId && e.RevisionId == revisionId).ToListAsync(ct);
        var own = new AuditScope([], [], [], [strategyId], [revisionId]);
        return proposed.FirstOrDefault()?.DecisionId is { } decisionId && await DecisionAsync(session, decisionId, ct) is { } decision
            ? decision with { Strategies = own.Strategies, Revisions = own.Revisions }
            : own;
    }
}
