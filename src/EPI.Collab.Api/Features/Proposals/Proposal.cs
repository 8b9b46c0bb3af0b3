using EPI.Collab.Api.Features.PersonalData;
using EPI.Collab.Api.Features.Workshops;

namespace EPI.Collab.Api.Features.Proposals;

/// <summary>Withdrawn and merged are final; hiding is moderation and is kept apart from the status.</summary>
public enum ProposalStatus { Submitted, Clustered, Parked, Withdrawn, Merged }

/// <summary>
/// A participant or staff member put an idea to the workshop: text version 1, in its original language, sealed under the
/// author's key (free text is presumed to hold personal data).
/// </summary>
public sealed record ProposalSubmitted(
    Guid ProposalId, Guid WorkshopId, PersonalText Text, IReadOnlyList<string> PolicyAreaCodes, Guid By, string ByRole, DateTimeOffset At)
    : IWorkshopEvent;

/// <summary>The author wrote a new text version; earlier versions stay in the history (votes and comments pin a version).</summary>
public sealed record ProposalAmended(Guid ProposalId, Guid WorkshopId, int NewVersion, PersonalText Text, Guid By, string ByRole,
    DateTimeOffset At) : IWorkshopEvent;

public sealed record ProposalWithdrawn(Guid ProposalId, Guid WorkshopId, Guid By, string ByRole, DateTimeOffset At) : IWorkshopEvent;

/// <summary>Staff grouped the proposal under a cluster (again: re-clustering moves it).</summary>
public sealed record ProposalClustered(Guid ProposalId, Guid WorkshopId, Guid ClusterId, Guid By, string ByRole, DateTimeOffset At)
    : IWorkshopEvent;

/// <summary>This proposal was merged into <paramref name="IntoProposalId"/> and no longer counts on its own.</summary>
public sealed record ProposalMerged(Guid ProposalId, Guid WorkshopId, Guid IntoProposalId, Guid By, string ByRole, DateTimeOffset At)
    : IWorkshopEvent;

/// <summary>Set aside, e.g. out of the city's competence.</summary>
public sealed record ProposalParked(Guid ProposalId, Guid WorkshopId, string? Reason, Guid By, string ByRole, DateTimeOffset At)
    : IWorkshopEvent;

/// <summary>Moderation: participants no longer see the text; the events keep it for staff.</summary>
public sealed record ProposalHidden(Guid ProposalId, Guid WorkshopId, string Reason, Guid By, string ByRole, DateTimeOffset At)
    : IWorkshopEvent;

/// <summary>
/// Write model of a proposal stream: what decisions read. <see cref="CurrentVersion"/> numbers the text versions;
/// <see cref="Version"/> is the stream version Marten sets, which commands send back for optimistic concurrency.
/// </summary>
public sealed record Proposal(
    Guid Id, Guid WorkshopId, Guid AuthorId, ProposalStatus Status, int CurrentVersion, Guid? ClusterId, bool Hidden, int Version = 0)
{
    public const int MaxTextLength = 2000;
    public const int MaxReasonLength = 500;

    public static Proposal Create(ProposalSubmitted e) => new(e.ProposalId, e.WorkshopId, e.By, ProposalStatus.Submitted, 1, null, false);

    public Proposal Apply(ProposalAmended e) => this with { CurrentVersion = e.NewVersion };
    public Proposal Apply(ProposalWithdrawn e) => this with { Status = ProposalStatus.Withdrawn };
    public Proposal Apply(ProposalClustered e) => this with { Status = ProposalStatus.Clustered, ClusterId = e.ClusterId };
    public Proposal Apply(ProposalMerged e) => this with { Status = ProposalStatus.Merged };
    public Proposal Apply(ProposalParked e) => this with { Status = ProposalStatus.Parked };
    public Proposal Apply(ProposalHidden e) => this with { Hidden = true };

    /// <summary>Withdrawn and merged proposals are out of the process: nothing more happens to them but moderation.</summary>
    public bool IsFinal => Status is ProposalStatus.Withdrawn or ProposalStatus.Merged;

    /// <summary>Its author can still change it, and others can still discuss it.</summary>
    public bool IsOpen => !IsFinal && !Hidden;
}
