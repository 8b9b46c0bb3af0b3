using EPI.Collab.Api.Infrastructure.Contract;
using System.ComponentModel.DataAnnotations;
using EPI.Collab.Api.Features.Participants;
using EPI.Collab.Api.Infrastructure;
using EPI.Collab.Api.Infrastructure.Auth;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace EPI.Collab.Api.Features.Voting.Casting;

/// <summary>A ballot a facilitator casts for someone without a phone; it is flagged with the assisting role.</summary>
/// <param name="Group">Required: the group of the person voting; there is no default group.</param>
public sealed record CastAssistedBallot(StakeholderGroup? Group, [property: Length(1, VotingRound.MaxOptions)] IReadOnlyList<BallotMark> Marks)
{
    public static CastAssistedBallot Example => new(StakeholderGroup.Resident, [new(new Guid("0196f3a0-7c1e-7a52-9c3b-5d1e2f3a4b5c"), 1)]);
}

public static class CastAssistedBallotEndpoint
{
    public static async Task<BallotContext> LoadAsync(Guid roundId, IQuerySession session, CancellationToken ct) =>
        new(await session.LoadAsync<VotingRound>(roundId, ct), await session.LoadAsync<RoundKey>(roundId, ct), null);

    public static ProblemDetails Validate(CastAssistedBallot? command, BallotContext context, Guid workshopId, Guid roundId,
        HttpRequest request) =>
        command is null ? Validation.MissingBody()
        : context.Round is null || context.Round.WorkshopId != workshopId ? RoundProblems.NotFound(roundId)
        : context.Round.Status == RoundStatus.Closed || context.Key is null ? Problems.Conflict("The round is closed.").WithCode("round-closed")
        : command.Group is null ? new Validation().Add("group", "The group of the person voting is required.", "group-required").ToProblem()
        : !Enum.IsDefined(command.Group.Value) ? new Validation().Add("group", "Unknown stakeholder group.", "group-unknown").ToProblem()
        : CastBallotEndpoint.CheckIdempotencyKey(request) is { } badKey ? badKey
        : BallotRules.Check(context.Round.Rules, context.Round.Options, command.Marks).ToProblem();

    /// <summary>Enter an assisted ballot (staff). Each one is a separate voter; use an Idempotency-Key to make retries safe.</summary>
    [WolverinePost("/api/cities/{cityId}/workshops/{workshopId}/rounds/{roundId}/assisted-ballots", OperationId = "CastAssistedBallot")]
    [RateLimited(RateLimitKind.Ballots)]
    [Authorize(Policy = Policies.CityStaff), Tags("Voting")]
    [RequestHeader(CastBallotEndpoint.IdempotencyHeader, CastBallotEndpoint.IdempotencyDoc, MaxLength = CastBallotEndpoint.MaxIdempotencyKeyLength)]
    [ResponseHeader(StatusCodes.Status200OK, "Idempotent-Replayed", CastBallotEndpoint.ReplayedDoc)]
    [ProducesResponseType<BallotAccepted>(StatusCodes.Status200OK)]
    public static async Task<IResult> Post(CastAssistedBallot command, string cityId, Guid workshopId, BallotContext context,
        Actor actor, HttpRequest request, BallotIntake intake, DateTimeOffset now, CancellationToken ct)
    {
        var (round, key) = (context.Round!, context.Key!);
        var idempotencyKey = CastBallotEndpoint.IdempotencyKey(request);
        var outcome = await intake.Submit(new BallotRequest(cityId, round.Id, workshopId, Guid.CreateVersion7(now), command.Marks,
            command.Group!.Value, BallotChannel.Assisted, null, actor.Role,
            idempotencyKey is null ? null : key.ReceiptId(actor.Id, idempotencyKey), idempotencyKey is null ? null : key.BodyHash(command)), ct);
        return BallotAnswers.ToResult(outcome, request.HttpContext);
    }
}
