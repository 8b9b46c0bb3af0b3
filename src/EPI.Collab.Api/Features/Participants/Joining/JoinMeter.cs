using System.Collections.Concurrent;
using EPI.Collab.Api.Features.Workshops;
using EPI.Collab.Api.Features.Live;

namespace EPI.Collab.Api.Features.Participants.Joining;

/// <summary>A live alert to the workshop's facilitators: more joins in a minute than the cap (or the printed seats) allows.</summary>
/// <param name="Joins">Joins tried in the last minute, accepted and refused.</param>
/// <param name="Refused">Of these, how many were refused (cap reached, seat code missing, unknown or used).</param>
/// <param name="Limit">The cap, or the number of printed seats in SEAT_CODES mode.</param>
public sealed record JoinBurstAlert(Guid WorkshopId, int Joins, int Refused, int Limit, DateTimeOffset At);

/// <summary>
/// Counts join attempts per workshop over a sliding minute and alerts the facilitators' hub group when they exceed the
/// workshop's limit, at most once per <see cref="AlertEvery"/>. Counts are kept in memory on the node that took the
/// join (an operational signal, not a fact of the log); refused joins are counted too, as they leave no event.
/// </summary>
public sealed class JoinMeter(ILivePush push)
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan AlertEvery = TimeSpan.FromSeconds(10);

    private sealed class Meter
    {
        public readonly Queue<(DateTimeOffset At, bool Refused)> Joins = new();
        public DateTimeOffset? LastAlert;
    }

    private readonly ConcurrentDictionary<Guid, Meter> _meters = new();

    public async Task Count(Workshop workshop, bool refused, DateTimeOffset now)
    {
        var alert = Record(workshop.Id, JoinDecision.BurstLimit(workshop), refused, now);
        if (alert is not null) await push.JoinBurst(alert);
    }

    /// <summary>Counts one attempt; returns the alert to send, if one is due.</summary>
    public JoinBurstAlert? Record(Guid workshopId, int? limit, bool refused, DateTimeOffset now)
    {
        var meter = _meters.GetOrAdd(workshopId, _ => new Meter());
        lock (meter)
        {
            meter.Joins.Enqueue((now, refused));
            while (meter.Joins.Count > 0 && meter.Joins.Peek().At <= now - Window) meter.Joins.Dequeue();
            if (limit is not { } max || meter.Joins.Count <= max) return null;
            if (meter.LastAlert is { } last && now - last < AlertEvery) return null;
            meter.LastAlert = now;
            return new JoinBurstAlert(workshopId, meter.Joins.Count, meter.Joins.Count(j => j.Refused), max, now);
        }
    }
}
