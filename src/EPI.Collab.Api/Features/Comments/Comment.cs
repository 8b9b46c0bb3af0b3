using EPI.Collab.Api.Features.PersonalData;
using EPI.Collab.Api.Features.Workshops;

namespace EPI.Collab.Api.Features.Comments;

public enum CommentKind { Question, Support, Concern, Amendment, Dissent }

/// <summary>
/// A participant or staff member commented on a proposal, pinned to the text version they read; a reply names
/// its parent comment on the same proposal. The text is sealed under the author's key.
/// </summary>
public sealed record CommentAdded(
    Guid CommentId, Guid WorkshopId, Guid ProposalId, int ProposalVersion, Guid? ParentCommentId, CommentKind Kind, PersonalText Text,
    Guid By, string ByRole, DateTimeOffset At) : IWorkshopEvent;

/// <summary>Moderation: participants no longer see the text; the events keep it for staff.</summary>
public sealed record CommentHidden(Guid CommentId, Guid WorkshopId, Guid ProposalId, string Reason, Guid By, string ByRole, DateTimeOffset At)
    : IWorkshopEvent;

/// <summary>Write model of a comment stream.</summary>
public sealed record Comment(Guid Id, Guid WorkshopId, Guid ProposalId, bool Hidden, int Version = 0)
{
    public const int MaxTextLength = 2000;
    public const int MaxReasonLength = 500;

    public static Comment Create(CommentAdded e) => new(e.CommentId, e.WorkshopId, e.ProposalId, false);

    public Comment Apply(CommentHidden e) => this with { Hidden = true };
}
