using Marten.Events.Aggregation;

namespace EPI.Collab.Api.Features.Strategies.GettingDetails;

/// <param name="RevisionNo">Null while the revision awaits adoption, and for a rejected one.</param>
/// <param name="Rejection">Set when the revision was turned down: why, and the decision behind it if any.</param>
public sealed record RevisionEntry(Guid RevisionId, int? RevisionNo, RevisionReason Reason, Guid? DecisionId, string Summary,
    IReadOnlyList<StrategyChange> Changes, Guid ProposedBy, string ProposedByRole, DateTimeOffset ProposedAt, DateTimeOffset? AdoptedAt = null,
    RevisionRejection? Rejection = null)
{
    public bool IsPending => RevisionNo is null && Rejection is null;
}

public sealed record RevisionRejection(string Reason, Guid? DecisionId, DateTimeOffset At);

/// <summary>
/// The city's strategy as people read it: the current document, status, adoption, and every revision (proposed and adopted)
/// with its reason, decision and changes. <see cref="Version"/> is the stream version commands send back.
/// </summary>
public sealed record StrategyDetails(Guid Id, string CityId, StrategyStatus Status, Adoption? Adoption, int RevisionNo,
    StrategyDocument Document, StrategyDocument Draft, IReadOnlyList<RevisionEntry> Revisions, DateTimeOffset DraftedAt, int Version = 0)
{
    public IEnumerable<RevisionEntry> Adopted => Revisions.Where(r => r.RevisionNo is not null).OrderBy(r => r.RevisionNo);

    /// <summary>The document as it stood at revision <paramref name="revisionNo"/>: the draft with the adopted revisions up to it.</summary>
    public StrategyDocument AtRevision(int revisionNo) =>
        Adopted.TakeWhile(r => r.RevisionNo <= revisionNo).Aggregate(Draft, (document, r) => document.Apply(r.Changes));
}

public sealed partial class StrategyDetailsProjection : SingleStreamProjection<StrategyDetails, Guid>
{
    public static StrategyDetails Create(StrategyDrafted e)
    {
        var draft = StrategyDocument.Draft(e.Title, e.Vision);
        return new(e.StrategyId, e.CityId, StrategyStatus.Draft, null, 0, draft, draft, [], e.At);
    }

    public static StrategyDetails Apply(RevisionProposed e, StrategyDetails s) => s with
    {
        Revisions = [.. s.Revisions, new RevisionEntry(e.RevisionId, null, e.Reason, e.DecisionId, e.Summary, e.Changes, e.By, e.ByRole, e.At)]
    };

    public static StrategyDetails Apply(RevisionAdopted e, StrategyDetails s)
    {
        var revision = s.Revisions.Single(r => r.RevisionId == e.RevisionId);
        return s with
        {
            RevisionNo = e.RevisionNo,
            Document = s.Document.Apply(revision.Changes),
            Revisions = [.. s.Revisions.Select(r => r == revision ? r with { RevisionNo = e.RevisionNo, AdoptedAt = e.At } : r)]
        };
    }

    public static StrategyDetails Apply(RevisionRejected e, StrategyDetails s) => s with
    {
        Revisions = [.. s.Revisions.Select(r => r.RevisionId == e.RevisionId ? r with { Rejection = new RevisionRejection(e.Reason, e.DecisionId, e.At) } : r)]
    };

    public static StrategyDetails Apply(StrategyAdvanced e, StrategyDetails s) => s with { Status = e.To, Adoption = e.Adoption ?? s.Adoption };
}
