using EPI.Collab.Api.Infrastructure.Contract;
using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using EPI.Collab.Api.Features.Participants;
using EPI.Collab.Api.Infrastructure;
using EPI.Collab.Api.Infrastructure.Auth;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace EPI.Collab.Api.Features.Voting.Casting;

/// <param name="Read">Optional: the language and the translations of the options the phone displayed (see Translations/Reading).</param>
public sealed record CastBallot([property: Length(1, VotingRound.MaxOptions)] IReadOnlyList<BallotMark> Marks,
    Translations.Reading.BallotReadAs? Read = null)
{
    public static CastBallot Example => new([new(new Guid("0196f3a0-7c1e-7a52-9c3b-5d1e2f3a4b5c"), 2), new(new Guid("0196f3a0-7c1e-7a52-9c3b-5d1e2f3a4b5d"), 3)]);
}

/// <summary>What a ballot endpoint needs loaded: the round, its key while it is open, and who votes.</summary>
public sealed record BallotContext(VotingRound? Round, RoundKey? Key, Participant? Voter);

/// <summary>A phone ballot's context and what <see cref="CastBallotEndpoint.Check"/> said of it.</summary>
public sealed record CheckedBallot(BallotContext Context, ProblemDetails Problem)
{
    public bool Passed => ReferenceEquals(Problem, WolverineContinue.NoProblems);
}

/// <summary>
/// Where a phone ballot's round, key and voter come from: this node's caches (<see cref="NoticedCache{T}"/>, kept current
/// by stream notices), so in a vote storm no ballot reads the database before it queues for the group commit. The
/// caches are hints: a ballot they would refuse is checked again against the database before it is refused, and one
/// they let through is decided again inside the commit, against the locked round and the stored voter
/// (<see cref="BallotDecision.Decide"/>), so a close, a rules change or a removal on any node still wins.
/// </summary>
public sealed class BallotFacts(NoticedCache<VotingRound> rounds, NoticedCache<RoundKey> keys, NoticedCache<Participant> voters)
{
    public async Task<CheckedBallot> CheckAsync(CastBallot? command, string cityId, Guid workshopId, Guid roundId, ClaimsPrincipal user,
        string? idempotencyKey, CancellationToken ct)
    {
        var voterId = VoterId(user);
        var cached = new BallotContext(await rounds.GetAsync(cityId, roundId, ct), await keys.GetAsync(cityId, roundId, ct),
            voterId is { } id ? await voters.GetAsync(cityId, id, ct) : null);
        var checkedFromMemory = new CheckedBallot(cached, CastBallotEndpoint.Check(command, cached, workshopId, roundId, idempotencyKey));
        if (checkedFromMemory.Passed) return checkedFromMemory;
        var fresh = new BallotContext(await rounds.FreshAsync(cityId, roundId, ct), await keys.FreshAsync(cityId, roundId, ct),
            voterId is { } again ? await voters.FreshAsync(cityId, again, ct) : null);
        return new(fresh, CastBallotEndpoint.Check(command, fresh, workshopId, roundId, idempotencyKey));
    }

    /// <summary>The same three documents from the database in one round trip (a batched query), for reads that need them as stored.</summary>
    public static async Task<BallotContext> ReadAsync(IQuerySession session, Guid roundId, ClaimsPrincipal user, CancellationToken ct)
    {
        var batch = session.CreateBatchQuery();
        var round = batch.Load<VotingRound>(roundId);
        var key = batch.Load<RoundKey>(roundId);
        var voter = VoterId(user) is { } id ? batch.Load<Participant>(id) : Task.FromResult<Participant?>(null);
        await batch.Execute(ct);
        return new BallotContext(await round, await key, await voter);
    }

    private static Guid? VoterId(ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirst(EpiClaims.Subject)?.Value, out var id) && user.IsInRole(Roles.Participant) ? id : null;
}

public static class CastBallotEndpoint
{
    public const string IdempotencyHeader = "Idempotency-Key";
    public const int MaxIdempotencyKeyLength = 100;

    public const string IdempotencyDoc = "Any unique string (at most 100 characters) per ballot: a retry with the same key gets " +
        "the first answer again and adds nothing.";

    public const string ReplayedDoc = "`true` when this answer is the stored answer to an earlier request with the same Idempotency-Key.";

    /// <summary>The round, key and voter from this node's caches, checked; a refusal looks at the database again first.</summary>
    public static async Task<CheckedBallot> LoadAsync(CastBallot command, string cityId, Guid workshopId, Guid roundId, ClaimsPrincipal user,
        HttpRequest request, BallotFacts facts, CancellationToken ct) =>
        await facts.CheckAsync(command, cityId, workshopId, roundId, user, IdempotencyKey(request), ct);

    public static ProblemDetails Validate(CheckedBallot ballot) => ballot.Problem;

    /// <summary>
    /// The rules of a phone ballot, the same over HTTP and over the hub (<see cref="HubBallots"/>): the round, who votes,
    /// the round being open, the Idempotency-Key's limits, what the phone read, and the round's ballot rules.
    /// <see cref="Wolverine.Http.WolverineContinue.NoProblems"/> when the ballot may go to the intake.
    /// </summary>
    public static ProblemDetails Check(CastBallot? command, BallotContext context, Guid workshopId, Guid roundId, string? idempotencyKey) =>
        command is null ? Validation.MissingBody() // over HTTP the door answers this; a hub call may send null
        : context.Round is null || context.Round.WorkshopId != workshopId ? RoundProblems.NotFound(roundId)
        : context.Voter is null || context.Voter.WorkshopId != workshopId
            ? Problems.Forbidden("Only participants of this workshop cast ballots; staff enter assisted ballots.")
        : context.Voter.Standing != ParticipantStanding.Admitted
            ? Problems.Forbidden("You are waiting to be admitted by the facilitator.").WithCode("participant-waiting")
        : context.Voter is { AfterErasure: true, JoinedAt: { } joined } && context.Round.OpenedAt is { } opened && opened < joined
            ? Problems.Conflict("This round opened before you joined again after your data were erased; you can vote in the next round.")
                .WithCode("joined-after-round-opened")
        : context.Round.Status == RoundStatus.Closed || context.Key is null ? Problems.Conflict("The round is closed.").WithCode("round-closed")
        : CheckIdempotencyKey(idempotencyKey) is { } badKey ? badKey
        : command.Read?.Check(context.Round.Options) is { IsValid: false } unread ? unread.ToProblem()
        : BallotRules.Check(context.Round.Rules, context.Round.Options, command.Marks).ToProblem();

    /// <summary>The limits of the Idempotency-Key header, the same on phone and assisted ballots; null when it is fine or absent.</summary>
    public static ProblemDetails? CheckIdempotencyKey(HttpRequest request) => CheckIdempotencyKey(IdempotencyKey(request));

    public static ProblemDetails? CheckIdempotencyKey(string? idempotencyKey) =>
        idempotencyKey is { Length: > MaxIdempotencyKeyLength }
            ? new Validation().Add(IdempotencyHeader, $"At most {MaxIdempotencyKeyLength} characters.", "idempotency-key-too-long").ToProblem()
            : null;

    public static string? IdempotencyKey(HttpRequest request) =>
        request.Headers.TryGetValue(IdempotencyHeader, out var value) && !string.IsNullOrWhiteSpace(value) ? value.ToString() : null;

    /// <summary>
    /// Cast (or, where the round allows it, replace) this participant's ballot. Answered only after the ballot is
    /// committed. With an <c>Idempotency-Key</c> header a retry gets the same answer and adds nothing; the same key with
    /// different marks is refused (422, <c>idempotency-key-reused</c>).
    /// </summary>
    [WolverinePost("/api/cities/{cityId}/workshops/{workshopId}/rounds/{roundId}/ballot", OperationId = "CastBallot")]
    [RateLimited(RateLimitKind.Ballots)]
    [RequestHeader(IdempotencyHeader, IdempotencyDoc, MaxLength = MaxIdempotencyKeyLength)]
    [ResponseHeader(StatusCodes.Status200OK, "Idempotent-Replayed", ReplayedDoc)]
    [Authorize(Policy = Policies.WorkshopMember), Tags("Voting")]
    [ProducesResponseType<BallotAccepted>(StatusCodes.Status200OK)]
    public static async Task<IResult> Post(CastBallot command, string cityId, Guid workshopId, CheckedBallot ballot,
        HttpRequest request, BallotIntake intake, IDocumentStore store, IQuerySession session, PersonalData.KeyRing ring, CancellationToken ct)
    {
        var outcome = await SubmitAsync(command, cityId, workshopId, ballot.Context, IdempotencyKey(request), intake, store, session, ring, ct);
        return BallotAnswers.ToResult(outcome, request.HttpContext);
    }

    /// <summary>
    /// After <see cref="Check"/> passed: seal the objection reasons, queue the ballot and wait for its durable commit
    /// (then note what the phone read). The one path of a phone ballot, over HTTP and over the hub.
    /// </summary>
    public static async Task<BallotOutcome> SubmitAsync(CastBallot command, string cityId, Guid workshopId, BallotContext context,
        string? idempotencyKey, BallotIntake intake, IDocumentStore store, IQuerySession session, PersonalData.KeyRing ring, CancellationToken ct)
    {
        var (round, key, voter) = (context.Round!, context.Key!, context.Voter!);
        var reasons = await ObjectionSealing.ForVoterAsync(session, ring, voter, round.Id, command.Marks, ct);
        var outcome = await intake.Submit(new BallotRequest(cityId, round.Id, workshopId, key.BallotId(voter.Id), command.Marks,
            voter.Group, BallotChannel.Phone, voter.Id, null, idempotencyKey is null ? null : key.ReceiptId(voter.Id, idempotencyKey),
            idempotencyKey is null ? null : key.BodyHash(command), reasons), ct);
        if (command.Read is not null) await Translations.Reading.RecordBallotRead.AfterAsync(store, cityId, workshopId, outcome, command.Read, ct);
        return outcome;
    }
}

public static class BallotAnswers
{
    public static IResult ToResult(BallotOutcome outcome, HttpContext context)
    {
        if (outcome.Refusal == BallotRefusal.Unavailable)
        {
            context.Response.Headers.RetryAfter = "2";
            return Results.Problem(ToProblem(outcome)!);
        }
        if (outcome.Accepted is { } accepted)
        {
            if (outcome.Replayed) context.Response.Headers["Idempotent-Replayed"] = "true";
            return Results.Ok(accepted);
        }
        return Results.Problem(ToProblem(outcome)!);
    }

    /// <summary>A removed participant's ballot: the 401 the participant gate gives their token over HTTP.</summary>
    public static ProblemDetails Removed() => new ProblemDetails
    {
        Status = StatusCodes.Status401Unauthorized, Title = "Unauthorized.", Detail = "This participant was removed from the workshop.",
        Type = "https://tools.ietf.org/html/rfc9110#section-15.5.2"
    }.WithCode("unauthorized");

    /// <summary>The problem of a refused ballot (null when it was accepted), the same over HTTP and over the hub.</summary>
    public static ProblemDetails? ToProblem(BallotOutcome outcome)
    {
        if (outcome.Accepted is not null) return null;
        if (outcome.Refusal == BallotRefusal.Unavailable)
            return new ProblemDetails
            {
                Status = StatusCodes.Status503ServiceUnavailable, Title = "The service is restarting.",
                Detail = "The ballot was not recorded; send it again with the same Idempotency-Key."
            };
        return outcome.Refusal switch
        {
            BallotRefusal.RoundNotFound => Problems.NotFound("There is no such round."),
            BallotRefusal.RoundClosed => Problems.Conflict("The round is closed; this ballot was not counted.").WithCode("round-closed"),
            BallotRefusal.AlreadyVoted => Problems.Conflict("You have already voted in this round, and its ballots cannot be changed.").WithCode("already-voted"),
            BallotRefusal.IdempotencyKeyReused => Problems.RuleViolated(
                "This Idempotency-Key was already used for a different ballot; use a new key for a new ballot.").WithCode("idempotency-key-reused"),
            BallotRefusal.VoterNotInTheRoom => Removed(),
            BallotRefusal.RulesChanged => Problems.Conflict("The round's rules changed before your ballot arrived; reload the round and vote again.").WithCode("rules-changed"),
            _ => Problems.Conflict("Your ballot changed at the same moment from another request; send it again.").WithCode("ballot-conflict")
        };
    }
}
