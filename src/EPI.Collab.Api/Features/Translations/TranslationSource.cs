using EPI.Collab.Api.Features.Comments.GettingThread;
using EPI.Collab.Api.Features.PersonalData;
using EPI.Collab.Api.Features.Proposals;
using EPI.Collab.Api.Features.Proposals.GettingDetails;
using EPI.Collab.Api.Features.Live;
using Marten;

namespace EPI.Collab.Api.Features.Translations;

/// <summary>
/// A text that can be translated, as it is now: its current version and language, and either the author's sealed text
/// (proposals, comments) or the staff's plain text (focus question, round question and option labels).
/// </summary>
public sealed record TranslationSource(TranslatedKind Kind, Guid SourceId, int Version, string Lang, PersonalText? Personal, string? Plain)
{
    /// <summary>
    /// Finds the source in the workshop: proposals and comments from their own read models (written with the event), staff texts
    /// from the board. Hidden, withdrawn and merged texts are not offered for translation.
    /// </summary>
    public static async Task<TranslationSource?> FindAsync(IQuerySession session, WorkshopBoard board, TranslatedKind kind, Guid sourceId,
        CancellationToken ct)
    {
        switch (kind)
        {
            case TranslatedKind.FocusQuestion when sourceId == board.Id && board.FocusQuestion.Count > 0:
                return new(kind, sourceId, 1, board.FocusQuestion[0].Lang, null, board.FocusQuestion[0].Text);
            case TranslatedKind.Proposal:
                var proposal = await session.LoadAsync<ProposalDetails>(sourceId, ct);
                return proposal is { Hidden: false, Status: not (ProposalStatus.Withdrawn or ProposalStatus.Merged) } && proposal.WorkshopId == board.Id
                       && proposal.Versions[^1].Text is { } text
                    ? new(kind, sourceId, proposal.CurrentVersion, text.Lang, text, null)
                    : null;
            case TranslatedKind.Comment:
                var comment = await session.LoadAsync<ThreadedComment>(sourceId, ct);
                return comment is { Hidden: false, Text: { } said } && comment.WorkshopId == board.Id ? new(kind, sourceId, 1, said.Lang, said, null) : null;
            case TranslatedKind.RoundQuestion:
                return board.Rounds.FirstOrDefault(r => r.RoundId == sourceId) is { Question.Count: > 0 } round
                    ? new(kind, sourceId, 1, round.Question[0].Lang, null, round.Question[0].Text)
                    : null;
            case TranslatedKind.RoundOption:
                return board.Rounds.SelectMany(r => r.Options.Select(o => (Round: r, Option: o))).FirstOrDefault(x => x.Option.OptionId == sourceId)
                    is { Option: not null } found
                    ? new(kind, sourceId, 1, found.Round.Question.FirstOrDefault()?.Lang ?? "en", null, found.Option.Label)
                    : null;
            default:
                return null;
        }
    }
}
