using System.Security.Claims;
using EPI.Collab.Api.Infrastructure;
using EPI.Collab.Api.Infrastructure.Contract;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace EPI.Collab.Api.Features.Voting.Casting;

/// <summary>
/// The answer of the hub's <c>CastBallot</c>: either <see cref="Accepted"/> (the same body as HTTP's 200, answered
/// after the durable commit; <see cref="Replayed"/> as HTTP's <c>Idempotent-Replayed</c> header) or
/// <see cref="Problem"/> (the same status, code and field errors as HTTP's problem). Exactly one of the two is set.
/// </summary>
public sealed record HubBallotAnswer(BallotAccepted? Accepted, bool Replayed, HubProblem? Problem)
{
    public static HubBallotAnswer Refused(ProblemDetails problem) => new(null, false, HubProblem.From(problem));
}

/// <summary>
/// A ProblemDetails as the hub sends it: <c>status</c>, <c>code</c>, <c>title</c> (English), <c>detail</c>,
/// <c>stage</c> ("contract" when the request broke the published contract), and for a 400 the <c>errors</c> and
/// <c>fieldCodes</c> per field, with the same names and codes as the HTTP answer.
/// </summary>
public sealed record HubProblem(int Status, string Code, string? Title, string? Detail, string? Stage,
    IDictionary<string, string[]>? Errors, IDictionary<string, string?[]>? FieldCodes)
{
    public static HubProblem From(ProblemDetails problem) => new(problem.Status ?? StatusCodes.Status500InternalServerError,
        problem.Extensions.TryGetValue(ErrorHandling.CodeKey, out var code) && code is string given ? given : ErrorHandling.CodeFor(problem),
        problem.Title, problem.Detail,
        problem.Extensions.TryGetValue(ContractDoor.StageKey, out var stage) ? stage as string : null,
        (problem as HttpValidationProblemDetails)?.Errors,
        problem.Extensions.TryGetValue(Validation.FieldCodesKey, out var codes) ? codes as IDictionary<string, string?[]> : null);
}

/// <summary>
/// A phone ballot over the hub connection the phone already has: the contract check of the HTTP door, then the same
/// load, rules, sealing and group commit as <see cref="CastBallotEndpoint"/> (its <c>Check</c> and <c>SubmitAsync</c>).
/// The hub checks the city, the policy and the workshop before calling this.
/// </summary>
public sealed class HubBallots(IDocumentStore store, BallotIntake intake, BallotFacts facts, PersonalData.KeyRing ring, CallLimits limits)
{
    /// <param name="address">The connection's client address: the hub path has the HTTP endpoint's ballot limits per
    /// address and per participant (429 <c>rate-limited</c>; the detail says how many seconds to wait).</param>
    public async Task<HubBallotAnswer> CastAsync(ClaimsPrincipal user, string? address, string cityId, Guid workshopId, Guid roundId,
        CastBallot? ballot, string? idempotencyKey, CancellationToken ct)
    {
        if (limits.Refusal(RateLimitKind.Ballots, user.FindFirst(Infrastructure.Auth.EpiClaims.Subject)?.Value, address) is { } wait)
            return HubBallotAnswer.Refused(CallLimits.TooMany(wait));
        if (ballot is null) return HubBallotAnswer.Refused(ContractDoor.Refused(Validation.MissingBody()));
        if (RequestContract.Check(ballot) is { IsValid: false } broken) return HubBallotAnswer.Refused(ContractDoor.Refused(broken.ToProblem()));
        idempotencyKey = string.IsNullOrWhiteSpace(idempotencyKey) ? null : idempotencyKey;

        var checkedBallot = await facts.CheckAsync(ballot, cityId, workshopId, roundId, user, idempotencyKey, ct);
        var context = checkedBallot.Context;
        // Over HTTP the participant gate refuses a removed participant's token (401) on every request; a hub
        // connection was authenticated once, when it opened, so the ballot checks it again (and the commit once more).
        if (context.Voter is { InTheRoom: false }) return HubBallotAnswer.Refused(BallotAnswers.Removed());
        if (!checkedBallot.Passed) return HubBallotAnswer.Refused(checkedBallot.Problem);

        await using var session = store.QuerySession(cityId);
        var outcome = await CastBallotEndpoint.SubmitAsync(ballot, cityId, workshopId, context, idempotencyKey, intake, store, session, ring, ct);
        return outcome.Accepted is { } accepted ? new HubBallotAnswer(accepted, outcome.Replayed, null)
            : HubBallotAnswer.Refused(BallotAnswers.ToProblem(outcome)!);
    }
}
