using EPI.Collab.Api.Infrastructure;

namespace EPI.Collab.Api.Features.PersonalData.Erasing;

/// <summary>The Art. 17(1) GDPR ground an erasure rests on.</summary>
public enum ErasureGround { ConsentWithdrawn, NoLongerNecessary, Objection, UnlawfulProcessing, LegalObligation, RetentionExpired }

/// <summary>Staff recorded a request to erase a subject, having checked that no Art. 17(3) exception applies.</summary>
public sealed record SubjectErasureRequested(Guid SubjectId, ErasureGround Ground, Guid By, string ByRole, DateTimeOffset At);

/// <summary>The subject's key was destroyed: every text sealed under it, in events and read models, is unreadable for good.</summary>
public sealed record SubjectKeyShredded(Guid SubjectId, DateTimeOffset At);

/// <summary>The erasure record of one subject (stream id derived from the subject id, so a subject is erased once).</summary>
public sealed record SubjectErasure(Guid Id, Guid SubjectId, ErasureGround Ground, DateTimeOffset RequestedAt, DateTimeOffset? ShreddedAt,
    int Version = 0)
{
    private static readonly Guid Namespace = new("5b0e7c8e-2f4d-4a36-9a51-0c7d3e1f9a27");

    public static Guid StreamId(Guid subjectId) => DeterministicGuid.Create(Namespace, subjectId.ToString());

    public static SubjectErasure Create(SubjectErasureRequested e) => new(StreamId(e.SubjectId), e.SubjectId, e.Ground, e.At, null);

    public SubjectErasure Apply(SubjectKeyShredded e) => this with { ShreddedAt = e.At };
}
