using EPI.Collab.Api.Features.PersonalData;
using Marten.Events.Aggregation;

namespace EPI.Collab.Api.Features.Proposals.GettingDetails;

/// <param name="Text">Null when the proposal is hidden and the reader is not staff.</param>
public sealed record ProposalTextVersion(int Number, PersonalText? Text, DateTimeOffset At);

/// <summary>
/// Everything about one proposal: every text version in its original language, status, cluster, merge and moderation.
/// <see cref="Version"/> is the stream version that commands on the proposal send back.
/// </summary>
public sealed record ProposalDetails(
    Guid Id,
    Guid WorkshopId,
    Guid AuthorId,
    string AuthorRole,
    IReadOnlyList<string> PolicyAreaCodes,
    IReadOnlyList<ProposalTextVersion> Versions,
    ProposalStatus Status,
    Guid? ClusterId,
    Guid? MergedInto,
    string? ParkedReason,
    bool Hidden,
    string? HiddenReason,
    DateTimeOffset SubmittedAt,
    int Version = 0)
{
    public int CurrentVersion => Versions.Count;

    /// <summary>Staff see hidden texts; everyone else sees the record and the reason, without any text.</summary>
    public ProposalDetails AsSeenBy(bool staff) =>
        staff || !Hidden ? this : this with { Versions = Versions.Select(v => v with { Text = null }).ToList() };

    /// <summary>The texts opened for a response (the stored read model holds only ciphertext).</summary>
    public ProposalDetails Revealed(Revealer revealer) =>
        this with { Versions = Versions.Select(v => v with { Text = revealer.Reveal(v.Text) }).ToList() };

    public IEnumerable<PersonalText?> Texts => Versions.Select(v => v.Text);
}

public sealed partial class ProposalDetailsProjection : SingleStreamProjection<ProposalDetails, Guid>
{
    public static ProposalDetails Create(ProposalSubmitted e) => new(e.ProposalId, e.WorkshopId, e.By, e.ByRole, e.PolicyAreaCodes,
        [new ProposalTextVersion(1, e.Text, e.At)], ProposalStatus.Submitted, null, null, null, false, null, e.At);

    public static ProposalDetails Apply(ProposalAmended e, ProposalDetails p) =>
        p with { Versions = [.. p.Versions, new ProposalTextVersion(e.NewVersion, e.Text, e.At)] };

    public static ProposalDetails Apply(ProposalWithdrawn e, ProposalDetails p) => p with { Status = ProposalStatus.Withdrawn };
    public static ProposalDetails Apply(ProposalClustered e, ProposalDetails p) => p with { Status = ProposalStatus.Clustered, ClusterId = e.ClusterId };
    public static ProposalDetails Apply(ProposalMerged e, ProposalDetails p) => p with { Status = ProposalStatus.Merged, MergedInto = e.IntoProposalId };
    public static ProposalDetails Apply(ProposalParked e, ProposalDetails p) => p with { Status = ProposalStatus.Parked, ParkedReason = e.Reason };
    public static ProposalDetails Apply(ProposalHidden e, ProposalDetails p) => p with { Hidden = true, HiddenReason = e.Reason };
}
