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
/// <param name="ReasonLang">The language of the objection reasons in <see cref="Marks"/>; required when there is one.</param>
public sealed record CastAssistedBallot(StakeholderGroup? Group, [property: Length(1, VotingRound.MaxOptions)] IReadOnlyList<BallotMark> Marks,
    [property: ReferenceData.Language] string? ReasonLang = null)
{
    public static CastAssistedBallot Example => new(StakeholderGroup.Resident, [new(new Guid("0196f3a0-7c1e-7a52-9c3b-5d1e2f3a4b5c"), 1)], "ro");
}

public static class CastAssistedBallotEndpoint
{
    public static async Task<BallotContext> LoadAsync(Guid roundId, IQuerySession session, CancellationToken ct) =>
        new(await session.LoadAsync<VotingRound>(roundId, ct), await session.LoadAsync<RoundKey>(roundId, ct), null);

    public static ProblemDetails Validate(CastAssistedBallot command, BallotContext context, Guid workshopId, Guid roundId,
        HttpRequest request) =>
        context.Round is null || context.Round.WorkshopId != workshopId ? RoundProblems.NotFound(roundId)
        : context.Round.Status == RoundStatus.Closed || context.Key is null ? Problems.Conflict("The round is closed.").WithCode("round-closed")
        : command.Group is null ? new Validation().Add("group", "The group of the person voting is required.", "group-required").ToProblem()
        : !Enum.IsDefined(command.Group.Value) ? new Validation().Add("group", "Unknown stakeholder group.", "group-unknown").ToProblem()
        : CastBallotEndpoint.CheckIdempotencyKey(request) is { } badKey ? badKey
        : command.ReasonLang is null && (command.Marks ?? []).Any(m => m?.Reason is not null)
            ? new Validation().Add("reasonLang", "Name the language the objection reasons are written in.", "reason-lang-required").ToProblem()
        : BallotRules.Check(context.Round.Rules, context.Round.Options, command.Marks).ToProblem();

    /// <summary>Enter an assisted ballot (staff). Each one is a separate voter; use an Idempotency-Key to make retries safe.</summary>
    [WolverinePost("/api/cities/{cityId}/workshops/{workshopId}/rounds/{roundId}/assisted-ballots", OperationId = "CastAssistedBallot")]
    [RateLimited(RateLimitKind.Ballots)]
    [Authorize(Policy = Policies.CityStaff), Tags("Voting")]
    [RequestHeader(CastBallotEndpoint.IdempotencyHeader, CastBallotEndpoint.IdempotencyDoc, MaxLength = CastBallotEndpoint.MaxIdempotencyKeyLength)]
    [ResponseHeader(StatusCodes.Status200OK, "Idempotent-Replayed", CastBallotEndpoint.ReplayedDoc)]
    [ProducesResponseType<BallotAccepted>(StatusCodes.Status200OK)]
    public static async Task<IResult> Post(CastAssistedBallot command, string cityId, Guid workshopId, BallotContext context,
        Actor actor, HttpRequest request, BallotIntake intake, PersonalData.KeyRing ring, DateTimeOffset now, CancellationToken ct)
    {
        var (round, key) = (context.Round!, context.Key!);
        var idempotencyKey = CastBallotEndpoint.IdempotencyKey(request);
        // The person voting has no identity here: their reasons get a key of their own, named by nobody (see README, dissent).
        var (stored, seal) = ring.Create(cityId, Guid.CreateVersion7(now), now);
        var reasons = ObjectionSealing.Seal(seal, command.ReasonLang!, command.Marks);
        var outcome = await intake.Submit(new BallotRequest(cityId, round.Id, workshopId, Guid.CreateVersion7(now), command.Marks,
            command.Group!.Value, BallotChannel.Assisted, null, actor.Role,
            idempotencyKey is null ? null : key.ReceiptId(actor.Id, idempotencyKey), idempotencyKey is null ? null : key.BodyHash(command),
            reasons, reasons is null ? null : stored), ct);
        return BallotAnswers.ToResult(outcome, request.HttpContext);
    }
}
