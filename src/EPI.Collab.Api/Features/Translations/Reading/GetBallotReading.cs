using EPI.Collab.Api.Features.Audit;
using EPI.Collab.Api.Features.Audit.TimeTravel;
using EPI.Collab.Api.Features.Live;
using EPI.Collab.Api.Features.PersonalData;
using EPI.Collab.Api.Features.Voting;
using EPI.Collab.Api.Infrastructure;
using EPI.Collab.Api.Infrastructure.Auth;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace EPI.Collab.Api.Features.Translations.Reading;

/// <summary>
/// One option as a voter read it. <see cref="Text"/> is the translation displayed (sealed texts revealed only to an auditor with
/// a grant) or, without one, the original; <see cref="Current"/>: at the ballot's sequence the board carried exactly this
/// translation (false: the phone showed one the board had already replaced, or one that did not exist).
/// </summary>
public sealed record ReadText(Guid OptionId, Guid ProposalId, Guid? TranslationId, int? TranslationVersion, TranslationOrigin? Origin,
    string? Engine, string Lang, PersonalText? Text, string? Plain, bool Current);

/// <param name="Sequence">The sequence of the ballot event (cast or change) this reading belongs to.</param>
public sealed record BallotReadingView(Guid BallotId, int BallotVersion, long Sequence, string Lang, IReadOnlyList<ReadText> Options);

public static class GetBallotReadingEndpoint
{
    public static Task<BallotReading?> LoadAsync(Guid ballotId, IQuerySession session, CancellationToken ct) =>
        session.LoadAsync<BallotReading>(BallotReading.StreamId(ballotId), ct);

    public static ProblemDetails Validate(BallotReading? reading, Guid workshopId, Guid ballotId) =>
        reading is null || reading.WorkshopId != workshopId
            ? Problems.NotFound($"No phone recorded what it displayed for ballot {ballotId} in this workshop.")
            : WolverineContinue.NoProblems;

    /// <summary>
    /// Exactly the texts a voter read when casting (their last ballot version), taken from the board as of the ballot's sequence
    /// and the translation events they name (auditors: texts only with a break-glass grant).
    /// </summary>
    [WolverineGet("/api/cities/{cityId}/audit/workshops/{workshopId}/ballots/{ballotId}/reading", OperationId = "GetBallotReading")]
    [Authorize(Policy = Policies.CityReader), Tags("Audit")]
    public static async Task<BallotReadingView> Get(Guid workshopId, Guid ballotId, BallotReading reading, IQuerySession session,
        IDocumentStore store, RevealContext reveal, CancellationToken ct)
    {
        var read = reading.Reads[^1];
        var sequence = await EventLog.SequenceOfAsync(store, session.TenantId, ballotId, read.BallotVersion, ct)
                       ?? throw new InvalidOperationException($"Ballot {ballotId} has no version {read.BallotVersion}.");
        var then = await Instant.ResolveAsync(store, session.TenantId, workshopId, null, sequence, ct);
        var board = (await GetWorkshopBoardAsOfEndpoint.FoldAsync(session, store, workshopId, then, ct))!;
        var options = board.Rounds.Single(r => r.RoundId == read.RoundId).Options;
        var texts = read.Options.Select(o =>
        {
            var option = options.Single(x => x.OptionId == o.OptionId);
            var translation = o.TranslationId is null ? null
                : board.Translations.FirstOrDefault(t => t.TranslationId == o.TranslationId && t.Version == o.TranslationVersion);
            var proposal = board.Proposals.FirstOrDefault(p => p.Id == option.ProposalId);
            return translation is not null
                ? new ReadText(o.OptionId, option.ProposalId, translation.TranslationId, translation.Version, translation.Origin, translation.Engine,
                    translation.Lang, translation.Sealed, translation.Text, !translation.Stale)
                : new ReadText(o.OptionId, option.ProposalId, o.TranslationId, o.TranslationVersion, null, null, proposal?.Text?.Lang ?? read.Lang,
                    proposal?.Text, proposal is null ? option.Label : null, o.TranslationId is null);
        }).ToList();
        var revealer = await reveal.ForAsync(workshopId, texts.Select(t => t.Text), ct);
        return new BallotReadingView(ballotId, read.BallotVersion, sequence, read.Lang, texts.Select(t => t with { Text = revealer.Reveal(t.Text) }).ToList());
    }
}
