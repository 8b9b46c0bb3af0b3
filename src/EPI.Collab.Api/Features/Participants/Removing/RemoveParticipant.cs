using EPI.Collab.Api.Infrastructure.Contract;
using EPI.Collab.Api.Features.Participants.Admission;
using EPI.Collab.Api.Features.Voting;
using EPI.Collab.Api.Infrastructure;
using EPI.Collab.Api.Infrastructure.Auth;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Marten;

namespace EPI.Collab.Api.Features.Participants.Removing;

/// <param name="Version">The participant's version the console listed (optimistic concurrency).</param>
/// <param name="Reason">Why: DUPLICATE_DEVICE, NOT_IN_THE_ROOM, DISRUPTIVE, JOINED_BY_MISTAKE or OTHER (no free text about a person).</param>
public sealed record RemoveParticipant([property: ExpectedVersion] int Version, RemovalReason Reason)
{
    public static RemoveParticipant Example => new(1, RemovalReason.DuplicateDevice);
}

public static class RemoveParticipantEndpoint
{
    public static ProblemDetails Validate(RemoveParticipant command, Participant? participant, Guid workshopId, Guid participantId) =>
        !Enum.IsDefined(command.Reason) ? new Validation().Add("reason", "Unknown reason.").ToProblem()
        : AdmissionRules.NotFound(participant, workshopId, participantId) is { } missing ? missing
        : participant!.Standing != ParticipantStanding.Admitted
            ? Problems.Conflict("Only an admitted participant can be removed; a waiting join is refused instead.").WithCode("participant-not-admitted")
        : WolverineContinue.NoProblems;

    /// <summary>
    /// The removal and its compensations (pure): every ballot the participant holds in a round still open is voided, in that
    /// ballot's own stream, naming neither the participant nor the marks.
    /// </summary>
    public static (ParticipantRemoved Removed, IReadOnlyList<BallotVoided> Voided) Decide(Participant participant, RemovalReason reason,
        IReadOnlyList<Ballot> openBallots, Actor actor, DateTimeOffset now) =>
        (new ParticipantRemoved(participant.Id, participant.WorkshopId, reason, actor.Id, actor.Role, now),
            [.. openBallots.Where(b => !b.Voided).Select(b => new BallotVoided(b.Id, b.RoundId, b.WorkshopId, reason, actor.Id, actor.Role, now))]);

    /// <summary>
    /// Remove a participant: their token and rejoin secret stop working and their ballots in open rounds no longer count
    /// (each voided by a BALLOT_VOIDED event carrying the reason).
    /// </summary>
    [WolverinePost("/api/cities/{cityId}/workshops/{workshopId}/participants/{participantId}/remove", OperationId = "RemoveParticipant")]
    [Authorize(Policy = Policies.CityStaff), Tags("Admission")]
    public static async Task<(UpdatedAggregate, Events)> Post(RemoveParticipant command, [WriteAggregate("participantId")] Participant participant,
        IDocumentSession session, Actor actor, DateTimeOffset now, CancellationToken ct)
    {
        // Each open round's exclusive lock, as a close takes it: a ballot already on its way commits first (and is voided here),
        // a later one waits for this removal, and a round read open here stays open until it commits.
        await session.BeginTransactionAsync(ct);
        var open = await session.Query<VotingRound>()
            .Where(r => r.WorkshopId == participant.WorkshopId && r.Status == RoundStatus.Open).Select(r => r.Id).ToListAsync(ct);
        foreach (var roundId in open.Order()) await AdvisoryLocks.Exclusive(session, roundId, ct);
        var keys = await session.LoadManyAsync<RoundKey>(ct, open);
        var ballots = keys.Count == 0 ? [] : await session.LoadManyAsync<Ballot>(ct, keys.Select(k => k.BallotId(participant.Id)));

        var (removed, voided) = Decide(participant, command.Reason, [.. ballots], actor, now);
        foreach (var v in voided) session.Events.Append(v.BallotId, ballots.Single(b => b.Id == v.BallotId).Version + 1, v);
        return (new UpdatedAggregate(), [removed]);
    }
}
