using EPI.Collab.Api.Features.ReferenceData;
using EPI.Collab.Api.Features.Workshops;
using Marten.Events.Aggregation;

namespace EPI.Collab.Api.Features.Decisions;

/// <summary>An adopted option: a proposal at the version the round pinned.</summary>
public sealed record AdoptedProposal(Guid ProposalId, int ProposalVersion);

/// <summary>
/// The facilitator recorded the outcome of one or more closed rounds: the rule applied (e.g. "top 3 by dots"),
/// what was adopted, why, and who disagreed. Strategy revisions (issue #4) and audits (issue #5) link to it.
/// </summary>
public sealed record DecisionRecorded(
    Guid DecisionId, Guid WorkshopId, IReadOnlyList<Guid> RoundIds, string RuleApplied, IReadOnlyList<AdoptedProposal> Adopted,
    LocalizedText Rationale, IReadOnlyList<LocalizedText> Dissent, Guid By, string ByRole, DateTimeOffset At) : IWorkshopEvent;

/// <summary>The decision as it is read (and linked to).</summary>
public sealed record DecisionRecord(
    Guid Id, Guid WorkshopId, IReadOnlyList<Guid> RoundIds, string RuleApplied, IReadOnlyList<AdoptedProposal> Adopted,
    LocalizedText Rationale, IReadOnlyList<LocalizedText> Dissent, string DecidedByRole, DateTimeOffset DecidedAt);

public sealed partial class DecisionRecordProjection : SingleStreamProjection<DecisionRecord, Guid>
{
    public static DecisionRecord Create(DecisionRecorded e) =>
        new(e.DecisionId, e.WorkshopId, e.RoundIds, e.RuleApplied, e.Adopted, e.Rationale, e.Dissent, e.ByRole, e.At);
}
