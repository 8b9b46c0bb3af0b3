using EPI.Collab.Api.Features.PersonalData;
using EPI.Collab.Api.Features.PersonalData.BreakGlass;
using EPI.Collab.Api.Infrastructure;
using EPI.Collab.Api.Infrastructure.Auth;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Persistence;

namespace EPI.Collab.Api.Features.Voting.ListingObjections;

/// <summary>
/// One objection as it is read: the option and the reason, never who objected. <see cref="Reason"/> is the text for
/// those who may read texts, "[sealed]" for an auditor without a break-glass grant, "[erased]" once the objector was erased.
/// </summary>
public sealed record Objection(Guid ObjectionId, Guid RoundId, Guid OptionId, string Lang, string Reason, PersonalTextState State);

public sealed record RoundObjections(Guid RoundId, IReadOnlyList<Objection> Objections);

public static class Objections
{
    public const string SealedMarker = "[sealed]";

    /// <summary>The standing objections of these rounds, revealed for the caller (see <see cref="Objection"/>).</summary>
    public static async Task<IReadOnlyList<Objection>> RevealedAsync(RevealContext reveal, Guid workshopId,
        IReadOnlyList<Guid> roundIds, CancellationToken ct)
    {
        var dissent = await reveal.Session.LoadManyAsync<RoundDissent>(ct, roundIds.Select(RoundDissent.StreamId));
        var standing = dissent.OrderBy(d => roundIds.ToList().IndexOf(d.RoundId))
            .SelectMany(d => d.Objections.Select(o => (d.RoundId, Objection: o))).ToList();
        if (standing.Count == 0) return [];
        var revealer = await reveal.ForAsync(workshopId, standing.Select(s => s.Objection.Reason), ct);
        if (!revealer.Withheld) revealer = revealer.With(await ObjectionSealing.SealsAsync(reveal.Session, reveal.Ring, workshopId, roundIds, ct));
        return [.. standing.Select(s => revealer.Reveal(s.Objection.Reason) is var text && text!.State == PersonalTextState.Withheld
            ? new Objection(s.Objection.ObjectionId, s.RoundId, s.Objection.OptionId, text.Lang, SealedMarker, PersonalTextState.Withheld)
            : new Objection(s.Objection.ObjectionId, s.RoundId, s.Objection.OptionId, text.Lang, text.Text!, text.State!.Value))];
    }
}

public static class ListObjectionsEndpoint
{
    // Objections are part of the results: while the results are hidden, so are they (a new one would tell a fresh ballot).
    public static ProblemDetails Validate(VotingRound? round, Guid workshopId, Guid roundId) =>
        round is null || round.WorkshopId != workshopId ? RoundProblems.NotFound(roundId)
        : !round.ResultsVisible ? Problems.RuleViolated("The objections of this round are hidden until it closes.").WithCode("results-hidden")
        : WolverineContinue.NoProblems;

    /// <summary>
    /// The objections standing in a round, in the order they were raised: option and reason, never who objected, nor
    /// when, nor their group. Reasons are read as other texts are (auditors need a break-glass grant).
    /// </summary>
    [WolverineGet("/api/cities/{cityId}/workshops/{workshopId}/rounds/{roundId}/objections", OperationId = "ListObjections")]
    [Authorize(Policy = Policies.WorkshopMember), Tags("Voting")]
    [RequestHeader(AuditAccessGrant.Header, AuditAccessGrant.HeaderDoc, Format = "uuid")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status422UnprocessableEntity)]
    public static async Task<RoundObjections> Get(Guid workshopId, [Entity("roundId", Required = false)] VotingRound round, RevealContext reveal, CancellationToken ct) =>
        new(round.Id, await Objections.RevealedAsync(reveal, workshopId, [round.Id], ct));
}
