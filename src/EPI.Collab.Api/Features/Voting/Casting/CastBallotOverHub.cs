using System.Security.Claims;
using System.Text.Json;
using EPI.Collab.Api.Infrastructure;
using EPI.Collab.Api.Infrastructure.Contract;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
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
/// A phone ballot over the hub connection the phone already has: the ballot is read from its JSON as the HTTP door reads
/// the body (<see cref="ContractDoor.ReadAsync"/>: the same strict reading, so any JSON gets the same answer, field by
/// field, as over HTTP), then the same load, rules, sealing and group commit as <see cref="CastBallotEndpoint"/> (its
/// <c>Check</c> and <c>SubmitAsync</c>). The hub checks the city, the policy and the workshop before calling this.
/// </summary>
public sealed class HubBallots(IDocumentStore store, BallotIntake intake, BallotFacts facts, PersonalData.KeyRing ring, CallLimits limits,
    IOptions<JsonHubProtocolOptions> protocol)
{
    /// <summary>
    /// The hub protocol's options, with repeated keys refused again: the protocol lets them through so that a ballot with
    /// one binds as JSON at all (the HTTP door refuses it with a field error, not a failed call), and this reads it strictly.
    /// </summary>
    private readonly JsonSerializerOptions _strict = new(protocol.Value.PayloadSerializerOptions) { AllowDuplicateProperties = false };

    /// <param name="address">The connection's client address: the hub path has the HTTP endpoint's ballot limits per
    /// address and per participant (429 <c>rate-limited</c>; the detail says how many seconds to wait).</param>
    public async Task<HubBallotAnswer> CastAsync(ClaimsPrincipal user, string? address, string cityId, Guid workshopId, Guid roundId,
        JsonElement? json, string? idempotencyKey, CancellationToken ct)
    {
        if (limits.Refusal(RateLimitKind.Ballots, user.FindFirst(Infrastructure.Auth.EpiClaims.Subject)?.Value, address) is { } wait)
            return HubBallotAnswer.Refused(CallLimits.TooMany(wait));
        if (json is not { ValueKind: not JsonValueKind.Null } element) return HubBallotAnswer.Refused(ContractDoor.Refused(Validation.MissingBody()));
        var (read, refused) = await ContractDoor.ReadAsync(_strict,
            options => new(element.Deserialize<CastBallot>(options)));
        if (read is not CastBallot ballot) return HubBallotAnswer.Refused(refused!);
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
