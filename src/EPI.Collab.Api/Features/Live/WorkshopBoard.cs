using EPI.Collab.Api.Features.Workshops;
using EPI.Collab.Api.Features.Comments;
using EPI.Collab.Api.Features.Participants;
using EPI.Collab.Api.Features.PersonalData;
using EPI.Collab.Api.Features.Proposals;
using EPI.Collab.Api.Features.ReferenceData;
using EPI.Collab.Api.Features.Translations;

namespace EPI.Collab.Api.Features.Live;

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
    long Position)
{
    /// <summary>The proposals that count, in submission order: withdrawn and merged ones leave the board.</summary>
    public IReadOnlyList<BoardProposal> Proposals { get; init; } = [];

    public IReadOnlyList<BoardCluster> Clusters { get; init; } = [];

    public IReadOnlyList<BoardRound> Rounds { get; init; } = [];

    /// <summary>The current translation of each text into each session language that has one.</summary>
    public IReadOnlyList<BoardTranslation> Translations { get; init; } = [];

    /// <summary>Every sealed text of the board: whose keys a response needs.</summary>
    public IEnumerable<PersonalText?> SealedTexts() => Proposals.Select(p => p.Text).Concat(Translations.Select(t => t.Sealed));

    /// <summary>The proposal texts and their translations opened for a response (the stored board holds only ciphertext).</summary>
    public WorkshopBoard Revealed(Revealer revealer) =>
        this with
        {
            Proposals = Proposals.Select(p => p with { Text = revealer.Reveal(p.Text) }).ToList(),
            Translations = Translations.Select(t => t with { Sealed = revealer.Reveal(t.Sealed) }).ToList()
        };
}

/// <param name="Text">The current version's text and language; null while the proposal is hidden.</param>
/// <param name="CommentCount">Comments that are not hidden.</param>
public sealed record BoardProposal(Guid Id, int CurrentVersion, PersonalText? Text, ProposalStatus Status, Guid? ClusterId, bool Hidden,
    int CommentCount);

public sealed record BoardCluster(Guid Id, LocalizedText Name);

/// <summary>
/// One change of a board as clients receive it. Changes with a <see cref="CoalesceKey"/> are high-rate facts (counts,
/// tallies): of those with the same key only the last of a batch of events is sent.
/// </summary>
public sealed record BoardChange(string Type, object Data, string? CoalesceKey = null);

/// <summary>
/// Pure folding of workshop events into the board, each step naming the change clients are told about.
/// Changes never carry text that moderation can hide (proposals, comments): the stored feed is replayed to every
/// member, so clients read such text from the board or from the proposal, where hiding takes effect.
/// </summary>
public static class WorkshopBoardFold
{
    public static WorkshopBoard Create(WorkshopScheduled e) => new(e.WorkshopId, e.CityId, e.Kind, e.Title, e.FocusQuestion,
        e.Languages, WorkshopStatus.Scheduled,
        (e.Agenda ?? []).Select(p => new BoardPhase(p.PhaseId, p.Type, p.Title, p.PlannedMinutes, null, null)).ToList(),
        null, null, null, 0, 0);

    public static (WorkshopBoard Board, BoardChange? Change) Apply(WorkshopBoard board, object @event) =>
        TranslationBoardFold.Follow(Fold(board, @event), @event);

    private static (WorkshopBoard Board, BoardChange? Change) Fold(WorkshopBoard board, object @event) => @event switch
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
        ParticipantJoined { Pending: true } e => Changed(board, "participant.waiting", new { e.ParticipantId }),
        ParticipantJoined => Counted(board with { ParticipantCount = board.ParticipantCount + 1 }),
        ParticipantAdmitted e => Admitted(board with { ParticipantCount = board.ParticipantCount + 1 }, e.ParticipantId),
        ParticipantRefused e => Changed(board, "participant.refused", new { e.ParticipantId }),
        ParticipantRemoved e => Changed(board with { ParticipantCount = Math.Max(0, board.ParticipantCount - 1) },
            "participant.removed", new { e.ParticipantId, e.Reason }),
        ProposalSubmitted e => Changed(board with
            {
                Proposals = [.. board.Proposals, new BoardProposal(e.ProposalId, 1, e.Text, ProposalStatus.Submitted, null, false, 0)]
            }, "proposal.submitted", new { e.ProposalId, currentVersion = 1, e.Text.Lang }),
        ProposalAmended e => Changed(Update(board, e.ProposalId, p => p with { CurrentVersion = e.NewVersion, Text = p.Hidden ? null : e.Text }),
            "proposal.amended", new { e.ProposalId, currentVersion = e.NewVersion, e.Text.Lang }),
        ProposalWithdrawn e => Changed(Remove(board, e.ProposalId), "proposal.withdrawn", new { e.ProposalId }),
        ProposalMerged e => Changed(Remove(board, e.ProposalId), "proposal.merged", new { e.ProposalId, e.IntoProposalId }),
        ProposalClustered e => Changed(Update(board, e.ProposalId, p => p with { Status = ProposalStatus.Clustered, ClusterId = e.ClusterId }),
            "proposal.clustered", new { e.ProposalId, e.ClusterId }),
        ProposalParked e => Changed(Update(board, e.ProposalId, p => p with { Status = ProposalStatus.Parked }),
            "proposal.parked", new { e.ProposalId }),
        ProposalHidden e => Changed(Update(board, e.ProposalId, p => p with { Hidden = true, Text = null }), "proposal.hidden", new { e.ProposalId }),
        ClusterCreated e => Changed(board with { Clusters = [.. board.Clusters, new BoardCluster(e.ClusterId, e.Name)] },
            "cluster.created", new { e.ClusterId, e.Name }),
        CommentAdded e => Commented(Update(board, e.ProposalId, p => p with { CommentCount = p.CommentCount + 1 }), e.ProposalId,
            "comment.added", count => new { e.CommentId, e.ProposalId, e.ProposalVersion, e.ParentCommentId, e.Kind, commentCount = count }),
        CommentHidden e => Commented(Update(board, e.ProposalId, p => p with { CommentCount = p.CommentCount - 1 }), e.ProposalId,
            "comment.hidden", count => new { e.CommentId, e.ProposalId, commentCount = count }),
        TextTranslated e => TranslationBoardFold.Apply(board, e),
        _ => VotingBoardFold.Apply(board, @event)
    };

    private static (WorkshopBoard, BoardChange?) Changed(WorkshopBoard board, string type, object data) =>
        (board, new BoardChange(type, data));

    private static (WorkshopBoard, BoardChange?) Counted(WorkshopBoard board) => (board, ParticipantsCounted(board));

    /// <summary>The admitted phone learns it at once (not coalesced); the count follows with the next counted message.</summary>
    private static (WorkshopBoard, BoardChange?) Admitted(WorkshopBoard board, Guid participantId) =>
        Changed(board, "participant.admitted", new { participantId, count = board.ParticipantCount });

    /// <summary>The board's participant count as clients are told it (coalesced).</summary>
    public static BoardChange ParticipantsCounted(WorkshopBoard board) =>
        new("participants.counted", new { count = board.ParticipantCount }, CoalesceKey: "participants");

    /// <summary>A comment change carries the proposal's new count (null when the proposal has left the board).</summary>
    private static (WorkshopBoard, BoardChange?) Commented(WorkshopBoard board, Guid proposalId, string type, Func<int?, object> data) =>
        Changed(board, type, data(board.Proposals.FirstOrDefault(p => p.Id == proposalId)?.CommentCount));

    private static WorkshopBoard Update(WorkshopBoard board, Guid proposalId, Func<BoardProposal, BoardProposal> change) =>
        board with { Proposals = board.Proposals.Select(p => p.Id == proposalId ? change(p) : p).ToList() };

    private static WorkshopBoard Remove(WorkshopBoard board, Guid proposalId) =>
        board with { Proposals = board.Proposals.Where(p => p.Id != proposalId).ToList() };

    private static List<BoardPhase> Update(IReadOnlyList<BoardPhase> phases, Guid id, Func<BoardPhase, BoardPhase> change) =>
        phases.Select(p => p.PhaseId == id ? change(p) : p).ToList();
}
