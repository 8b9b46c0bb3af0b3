using EPI.Collab.Api.Features.Workshops;
namespace EPI.Collab.Api.Features.Live;

/// <summary>
/// One message of a workshop's live feed. Positions are per workshop, start at 1 and have no gaps, and every
/// client sees the same order; the stored feed answers catch-up requests after a position.
/// </summary>
public sealed record WorkshopMessage(string Id, Guid WorkshopId, long Position, string Type, object Data, DateTimeOffset At)
{
    public static string IdFor(Guid workshopId, long position) => $"{workshopId:N}:{position:D12}";
}
