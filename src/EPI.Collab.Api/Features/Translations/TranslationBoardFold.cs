using EPI.Collab.Api.Features.Comments;
using EPI.Collab.Api.Features.PersonalData;
using EPI.Collab.Api.Features.Proposals;
using EPI.Collab.Api.Features.Live;

namespace EPI.Collab.Api.Features.Translations;

/// <summary>
/// The current translation of one text into one language, as the board carries it. <see cref="Stale"/>: the text was amended
/// after it was translated, so phones show the original with a notice. <see cref="Sealed"/> (participants' texts) is revealed
/// per response like the proposal texts; <see cref="Text"/> holds staff texts' translations.
/// </summary>
public sealed record BoardTranslation(
    Guid TranslationId, TranslatedKind Kind, Guid SourceId, int SourceVersion, string Lang, int Version, TranslationOrigin Origin,
    string? Engine, PersonalText? Sealed, string? Text, bool Stale = false);

/// <summary>Folds translations into the workshop board (pure), and follows the texts they translate as those change or leave.</summary>
public static class TranslationBoardFold
{
    public static (WorkshopBoard Board, BoardChange? Change) Apply(WorkshopBoard board, TextTranslated e) =>
        (board with
            {
                Translations =
                [
                    .. board.Translations.Where(t => !(t.Kind == e.Kind && t.SourceId == e.SourceId && t.Lang == e.Lang)),
                    new BoardTranslation(e.TranslationId, e.Kind, e.SourceId, e.SourceVersion, e.Lang, e.Version, e.Origin, e.Engine, e.Sealed, e.Text)
                ]
            },
            new BoardChange("text.translated", new { e.TranslationId, e.Kind, e.SourceId, e.SourceVersion, e.Lang, e.Version, e.Origin, e.Engine }));

    /// <summary>
    /// After the board's own fold: an amendment makes the proposal's translations stale; a text that is hidden, withdrawn or
    /// merged takes its translations off the board with it.
    /// </summary>
    public static (WorkshopBoard Board, BoardChange? Change) Follow((WorkshopBoard Board, BoardChange? Change) folded, object @event) => @event switch
    {
        ProposalAmended e => (Update(folded.Board, TranslatedKind.Proposal, e.ProposalId, t => t with { Stale = t.SourceVersion < e.NewVersion }),
            folded.Change),
        ProposalHidden e => (Drop(folded.Board, TranslatedKind.Proposal, e.ProposalId), folded.Change),
        ProposalWithdrawn e => (Drop(folded.Board, TranslatedKind.Proposal, e.ProposalId), folded.Change),
        ProposalMerged e => (Drop(folded.Board, TranslatedKind.Proposal, e.ProposalId), folded.Change),
        CommentHidden e => (Drop(folded.Board, TranslatedKind.Comment, e.CommentId), folded.Change),
        _ => folded
    };

    private static WorkshopBoard Update(WorkshopBoard board, TranslatedKind kind, Guid sourceId, Func<BoardTranslation, BoardTranslation> change) =>
        board.Translations.Count == 0 ? board
            : board with { Translations = board.Translations.Select(t => t.Kind == kind && t.SourceId == sourceId ? change(t) : t).ToList() };

    private static WorkshopBoard Drop(WorkshopBoard board, TranslatedKind kind, Guid sourceId) =>
        board.Translations.Count == 0 ? board
            : board with { Translations = board.Translations.Where(t => !(t.Kind == kind && t.SourceId == sourceId)).ToList() };
}
