using EPI.Collab.Api.Features.Participants;
using EPI.Collab.Api.Features.ReferenceData;

namespace EPI.Collab.Api.Features.Workshops.GettingBoard;

public sealed record BoardPhase(Guid PhaseId, PhaseType Type, string? Title, int PlannedMinutes, DateTimeOffset? StartedAt,
    DateTimeOffset? EndedAt);

/// <summary>
/// What everyone in the room sees: phones, projector and facilitator. <see cref="Position"/> is the position of
/// the last workshop message folded in, so a client that loads the board applies pushed messages after it.
/// </summary>
public sealed record WorkshopBoard(
    Guid Id,
    string CityId,
    WorkshopKind Kind,
    string Title,
    IReadOnlyList<LocalizedText> FocusQuestion,
    IReadOnlyList<string> Languages,
    WorkshopStatus Status,
    IReadOnlyList<BoardPhase> Agenda,
    Guid? CurrentPhaseId,
    DateTimeOffset? CurrentPhasePlannedEnd,
    string? JoinCode,
    int ParticipantCount,
    long Position,
    IReadOnlyList<Voting.BoardRound>? Rounds = null);

/// <summary>
/// One change of a board as clients receive it. Changes with a <see cref="CoalesceKey"/> are high-rate facts (counts,
/// tallies): of those with the same key only the last of a batch of events is sent.
/// </summary>
public sealed record BoardChange(string Type, object Data, string? CoalesceKey = null);

/// <summary>Pure folding of workshop events into the board, each step naming the change clients are told about.</summary>
public static class WorkshopBoardFold
{
    public static WorkshopBoard Create(WorkshopScheduled e) => new(e.WorkshopId, e.CityId, e.Kind, e.Title, e.FocusQuestion,
        e.Languages, WorkshopStatus.Scheduled,
        (e.Agenda ?? []).Select(p => new BoardPhase(p.PhaseId, p.Type, p.Title, p.PlannedMinutes, null, null)).ToList(),
        null, null, null, 0, 0);

    public static (WorkshopBoard Board, BoardChange? Change) Apply(WorkshopBoard board, object @event) => @event switch
    {
        WorkshopOpened e => Changed(board with { Status = WorkshopStatus.Open, JoinCode = e.JoinCode },
            "workshop.opened", new { status = WorkshopStatus.Open, e.JoinCode }),
        PhaseStarted e => Changed(board with
            {
                Status = WorkshopStatus.InProgress, CurrentPhaseId = e.PhaseId, CurrentPhasePlannedEnd = e.PlannedEnd,
                Agenda = Update(board.Agenda, e.PhaseId, p => p with { StartedAt = e.At, EndedAt = null })
            }, "phase.started", new { e.PhaseId, e.PlannedEnd, startedAt = e.At }),
        PhaseExtended e => Changed(board with { CurrentPhasePlannedEnd = e.PlannedEnd },
            "phase.extended", new { e.PhaseId, e.PlannedEnd, e.Minutes }),
        PhaseEnded e => Changed(board with
            {
                CurrentPhaseId = null, CurrentPhasePlannedEnd = null,
                Agenda = Update(board.Agenda, e.PhaseId, p => p with { EndedAt = e.At })
            }, "phase.ended", new { e.PhaseId, endedAt = e.At }),
        WorkshopClosed e => Changed(board with { Status = WorkshopStatus.Closed, JoinCode = null },
            "workshop.closed", new { status = WorkshopStatus.Closed, closedAt = e.At }),
        ParticipantJoined => Counted(board with { ParticipantCount = board.ParticipantCount + 1 }),
        _ => Voting.VotingBoardFold.Apply(board, @event)
    };

    private static (WorkshopBoard, BoardChange?) Changed(WorkshopBoard board, string type, object data) =>
        (board, new BoardChange(type, data));

    private static (WorkshopBoard, BoardChange?) Counted(WorkshopBoard board) =>
        (board, new BoardChange("participants.counted", new { count = board.ParticipantCount }, CoalesceKey: "participants"));

    private static List<BoardPhase> Update(IReadOnlyList<BoardPhase> phases, Guid id, Func<BoardPhase, BoardPhase> change) =>
        phases.Select(p => p.PhaseId == id ? change(p) : p).ToList();
}
