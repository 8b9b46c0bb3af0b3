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
/// <param name="Dissent">What the facilitator wrote down as dissent.</param>
/// <param name="Objections">
/// The objections voters raised in its rounds (option and reason, never who), read from the rounds' dissent when the
/// record is read, so an erased objector's reason reads "[erased]". Not stored: null in the stored document.
/// </param>
public sealed record DecisionRecord(
    Guid Id, Guid WorkshopId, IReadOnlyList<Guid> RoundIds, string RuleApplied, IReadOnlyList<AdoptedProposal> Adopted,
    LocalizedText Rationale, IReadOnlyList<LocalizedText> Dissent, string DecidedByRole, DateTimeOffset DecidedAt,
    IReadOnlyList<Voting.ListingObjections.Objection>? Objections = null);

public sealed partial class DecisionRecordProjection : SingleStreamProjection<DecisionRecord, Guid>
{
    public static DecisionRecord Create(DecisionRecorded e) =>
        new(e.DecisionId, e.WorkshopId, e.RoundIds, e.RuleApplied, e.Adopted, e.Rationale, e.Dissent, e.ByRole, e.At);
}
