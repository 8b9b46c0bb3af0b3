using EPI.Collab.Api.Features.ReferenceData;
using EPI.Collab.Api.Features.Workshops;

namespace EPI.Collab.Api.Features.Proposals;

/// <summary>Staff opened a named group of proposals (ToP: a few words that answer the focus question).</summary>
public sealed record ClusterCreated(Guid ClusterId, Guid WorkshopId, LocalizedText Name, Guid By, string ByRole, DateTimeOffset At)
    : IWorkshopEvent;

/// <summary>Write model of a cluster stream: proposals are assigned to it by events on their own streams.</summary>
public sealed record Cluster(Guid Id, Guid WorkshopId, LocalizedText Name, int Version = 0)
{
    public const int MinNameLength = 3;
    public const int MaxNameLength = 100;

    public static Cluster Create(ClusterCreated e) => new(e.ClusterId, e.WorkshopId, e.Name);
}
