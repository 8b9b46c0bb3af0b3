namespace EPI.Collab.Api.Features.Voting.Casting;

/// <summary>
/// A ballot on its way to the store: who votes in which round, and how. <see cref="Reasons"/>: objection reasons sealed by
/// the endpoint, per option; <see cref="NewKey"/>: the key they were sealed under when it is new (an assisted ballot).
/// </summary>
public sealed record BallotRequest(
    string Tenant, Guid RoundId, Guid WorkshopId, Guid BallotId, IReadOnlyList<BallotMark> Marks,
    Participants.StakeholderGroup Group, BallotChannel Channel, Guid? ParticipantId, string? AssistedByRole, Guid? ReceiptId,
    string? BodyHash = null, IReadOnlyDictionary<Guid, PersonalData.PersonalText>? Reasons = null, PersonalData.SubjectKey? NewKey = null);

public enum BallotRefusal { RoundNotFound, RoundClosed, AlreadyVoted, RulesChanged, Conflict, Unavailable, IdempotencyKeyReused, VoterNotInTheRoom }

/// <summary>The answer to one ballot request: accepted (committed), or refused with a reason.</summary>
public sealed record BallotOutcome(BallotAccepted? Accepted, BallotRefusal? Refusal, bool Replayed = false);

public static class BallotDecision
{
    /// <summary>
    /// The decision, taken inside the ballot's transaction after the round's shared lock, on the round as it is then:
    /// a first ballot starts the ballot stream; a later one replaces it only where the round allows changes and is
    /// still open; marks are checked again in case the rules changed since the request was read, and a phone's voter
    /// again in case they were removed since (the endpoint read both from a per-node cache).
    /// </summary>
    /// <param name="voter">The phone's participant as stored now (null for an assisted ballot, or when there is none).</param>
    public static (object? Event, BallotRefusal? Refusal) Decide(VotingRound? round, Participants.Participant? voter, Ballot? existing,
        BallotRequest request, DateTimeOffset now) => (round, existing) switch
    {
        (null, _) => (null, BallotRefusal.RoundNotFound),
        _ when request.ParticipantId is not null && voter is not { Standing: Participants.ParticipantStanding.Admitted }
            => (null, BallotRefusal.VoterNotInTheRoom),
        ({ Status: RoundStatus.Closed }, _) => (null, BallotRefusal.RoundClosed),
        (_, { Voided: true }) => (null, BallotRefusal.AlreadyVoted),
        _ when !BallotRules.Check(round.Rules, round.Options, request.Marks).IsValid => (null, BallotRefusal.RulesChanged),
        (_, null) => (new BallotCast(request.BallotId, request.RoundId, request.WorkshopId, RoundDissent.WithoutReasons(request.Marks), request.Group, request.Channel,
            round.Rules.Secret ? null : request.ParticipantId, request.AssistedByRole, now), null),
        ({ Rules.BallotsChangeable: false }, _) => (null, BallotRefusal.AlreadyVoted),
        _ => (new BallotChanged(request.BallotId, request.RoundId, request.WorkshopId, RoundDissent.WithoutReasons(request.Marks), now), null)
    };
}
