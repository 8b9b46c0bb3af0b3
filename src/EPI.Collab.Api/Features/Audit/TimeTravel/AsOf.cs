using EPI.Collab.Api.Infrastructure;
using Marten;
using Microsoft.AspNetCore.Mvc;

namespace EPI.Collab.Api.Features.Audit.TimeTravel;

/// <summary>State as it was once the city's log reached <paramref name="Sequence"/>.</summary>
public sealed record AsOf<T>(long Sequence, T State);

/// <summary>
/// The instant an as-of query names: <c>sequence=n</c> (events with seq ≤ n) or <c>asOf=timestamp</c> (the last
/// event at or before it); neither means now. One sequence is resolved first, so every stream is cut at the same point.
/// </summary>
public sealed record Instant(long Sequence, long? StreamVersion)
{
    public static async Task<Instant> ResolveAsync(IDocumentStore store, string tenant, Guid streamId, DateTimeOffset? asOf, long? sequence,
        CancellationToken ct)
    {
        var n = sequence ?? await EventLog.SequenceAtAsync(store, tenant, asOf, ct);
        return new Instant(n, await EventLog.StreamVersionAtAsync(store, tenant, streamId, n, ct));
    }

    public static ProblemDetails NotThen(Guid id) => Problems.NotFound($"{id} did not exist at that point of the log.");
}
