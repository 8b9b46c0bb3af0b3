using EPI.Collab.Api.Features.PersonalData;
using Marten.Events.Aggregation;

namespace EPI.Collab.Api.Features.Comments.GettingThread;

/// <summary>One comment of a proposal's thread; replies name their parent. <see cref="Version"/> is for <c>hide</c>.</summary>
/// <param name="Text">Null when the comment is hidden and the reader is not staff.</param>
public sealed record ThreadedComment(
    Guid Id,
    Guid WorkshopId,
    Guid ProposalId,
    int ProposalVersion,
    Guid? ParentCommentId,
    CommentKind Kind,
    PersonalText? Text,
    Guid AuthorId,
    string AuthorRole,
    DateTimeOffset At,
    bool Hidden,
    string? HiddenReason,
    int Version = 0)
{
    public ThreadedComment AsSeenBy(bool staff) => staff || !Hidden ? this : this with { Text = null };

    /// <summary>The text opened for a response (the stored read model holds only ciphertext).</summary>
    public ThreadedComment Revealed(Revealer revealer) => this with { Text = revealer.Reveal(Text) };
}

public sealed partial class ThreadedCommentProjection : SingleStreamProjection<ThreadedComment, Guid>
{
    public static ThreadedComment Create(CommentAdded e) => new(e.CommentId, e.WorkshopId, e.ProposalId, e.ProposalVersion,
        e.ParentCommentId, e.Kind, e.Text, e.By, e.ByRole, e.At, false, null);

    public static ThreadedComment Apply(CommentHidden e, ThreadedComment c) => c with { Hidden = true, HiddenReason = e.Reason };
}
