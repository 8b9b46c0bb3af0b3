using EPI.Collab.Api.Infrastructure.Contract;
using System.ComponentModel.DataAnnotations;
using EPI.Collab.Api.Features.Participants;
using EPI.Collab.Api.Features.Workshops;

namespace EPI.Collab.Api.Features.Voting;

public enum BallotChannel { Phone, Assisted }

/// <summary>
/// One mark of a ballot. <see cref="Value"/>: 1 for approval; dots; rank (1 = first); score 1–5; impact 1–5;
/// consent 1 agree / 0 abstain / -1 object. <see cref="Second"/>: feasibility 1–5. <see cref="Reason"/>: why one objects.
/// </summary>
public sealed record BallotMark(Guid OptionId, [property: Range(-1, VotingRound.MaxOptions)] int Value, [property: Range(1, 5)] int? Second = null, [property: StringLength(BallotRules.MaxReasonLength)] string? Reason = null);

/// <summary>
/// The first ballot of one voter in one round; it starts the ballot's own stream, whose id is derived from the
/// round and the voter, so a second start is impossible. In a secret round the voter is not named.
/// </summary>
public sealed record BallotCast(
    Guid BallotId, Guid RoundId, Guid WorkshopId, IReadOnlyList<BallotMark> Marks, StakeholderGroup Group, BallotChannel Channel,
    Guid? ParticipantId, string? AssistedByRole, DateTimeOffset At) : IWorkshopEvent;

/// <summary>A voter changed their ballot before the close; the last one counts, the history stays.</summary>
public sealed record BallotChanged(
    Guid BallotId, Guid RoundId, Guid WorkshopId, IReadOnlyList<BallotMark> Marks, DateTimeOffset At) : IWorkshopEvent;

/// <summary>
/// A ballot no longer counts: its voter was removed from the workshop while the round was open (a compensating event; the
/// cast stays in the log). It names the ballot stream and the reason only: no voter, no marks, no group.
/// </summary>
public sealed record BallotVoided(Guid BallotId, Guid RoundId, Guid WorkshopId, RemovalReason Reason, Guid By, string ByRole, DateTimeOffset At)
    : IWorkshopEvent;

/// <summary>The current state of one ballot stream (an inline snapshot, queried to count a round).</summary>
public sealed record Ballot(
    Guid Id, Guid RoundId, Guid WorkshopId, IReadOnlyList<BallotMark> Marks, StakeholderGroup Group, BallotChannel Channel,
    int Version = 0, bool Voided = false)
{
    public static Ballot Create(BallotCast e) => new(e.BallotId, e.RoundId, e.WorkshopId, e.Marks, e.Group, e.Channel);

    public Ballot Apply(BallotChanged e) => this with { Marks = e.Marks };

    /// <summary>A voided ballot is kept (its stream id stays taken, so the voter cannot start another) but never counted.</summary>
    public Ballot Apply(BallotVoided e) => this with { Voided = true };
}
