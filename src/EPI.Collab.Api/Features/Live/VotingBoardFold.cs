using EPI.Collab.Api.Features.Voting;
using EPI.Collab.Api.Features.ReferenceData;
using EPI.Collab.Api.Features.Live;

namespace EPI.Collab.Api.Features.Live;

/// <summary>
/// A round as the board shows it. <see cref="Ballots"/> counts phone and assisted ballots; <see cref="Results"/> are the
/// latest results while they are visible (live rounds, and every round once closed), as in "round.tallied" messages.
/// </summary>
public sealed record BoardRound(
    Guid RoundId, IReadOnlyList<LocalizedText> Question, IReadOnlyList<RoundOption> Options, VotingMethod Method,
    ResultsVisibility Visibility, bool Secret, bool BallotsChangeable, RoundStatus Status, int Ballots, int PaperBallots,
    Voting.Counting.RoundResults? Results = null);

/// <summary>Folds voting events into the workshop board (pure). Ballot counts are coalesced: one message per batch.</summary>
public static class VotingBoardFold
{
    public static (WorkshopBoard Board, BoardChange? Change) Apply(WorkshopBoard board, object @event) => @event switch
    {
        RoundOpened e => Changed(board, Rounds(board).Append(new BoardRound(e.RoundId, e.Question, e.Options, e.Rules.Method,
                e.Rules.Visibility, e.Rules.Secret, e.Rules.BallotsChangeable, RoundStatus.Open, 0, 0)),
            new BoardChange("round.opened", new { e.RoundId, e.Question, e.Options, e.Rules })),
        RoundClosed e => Changed(board, Update(board, e.RoundId, r => r with { Status = RoundStatus.Closed }),
            new BoardChange("round.closed", new { e.RoundId, closedAt = e.At })),
        BallotCast e => Counted(board, e.RoundId, r => r with { Ballots = r.Ballots + 1 }),
        BallotVoided e => Counted(board, e.RoundId, r => r with { Ballots = r.Ballots - 1 }),
        RoundRulesChanged e => Changed(board, Update(board, e.RoundId, r => r with
            {
                Method = e.Rules.Method, Visibility = e.Rules.Visibility, Secret = e.Rules.Secret, BallotsChangeable = e.Rules.BallotsChangeable
            }), new BoardChange("round.rules-changed", new { e.RoundId, e.Rules })),
        Decisions.DecisionRecorded e => (board, new BoardChange("decision.recorded",
            new { e.DecisionId, e.RoundIds, e.RuleApplied, e.Adopted, e.Rationale })),
        PaperTallyEntered e => Counted(board, e.RoundId, r => r with { PaperBallots = r.PaperBallots + e.Ballots }),
        _ => (board, null)
    };

    private static IEnumerable<BoardRound> Rounds(WorkshopBoard board) => board.Rounds;

    /// <summary>Results counted by the relay (which reads the ballots) after a batch of events.</summary>
    public static WorkshopBoard WithResults(WorkshopBoard board, Voting.Counting.RoundResults results) =>
        board with { Rounds = Update(board, results.RoundId, r => r with { Results = results }).ToList() };

    private static IEnumerable<BoardRound> Update(WorkshopBoard board, Guid roundId, Func<BoardRound, BoardRound> change) =>
        Rounds(board).Select(r => r.RoundId == roundId ? change(r) : r);

    private static (WorkshopBoard, BoardChange?) Changed(WorkshopBoard board, IEnumerable<BoardRound> rounds, BoardChange change) =>
        (board with { Rounds = rounds.ToList() }, change);

    private static (WorkshopBoard, BoardChange?) Counted(WorkshopBoard board, Guid roundId, Func<BoardRound, BoardRound> change)
    {
        var updated = board with { Rounds = Update(board, roundId, change).ToList() };
        return RoundCounted(updated, roundId) is { } counted ? (updated, counted) : (board, null);
    }

    /// <summary>A round's ballot counts as clients are told them (coalesced per round); null when the board has no such round.</summary>
    public static BoardChange? RoundCounted(WorkshopBoard board, Guid roundId) =>
        board.Rounds.FirstOrDefault(r => r.RoundId == roundId) is { } round
            ? new BoardChange("round.counted", new { roundId, round.Ballots, round.PaperBallots }, CoalesceKey: $"round.counted:{roundId:N}")
            : null;
}
