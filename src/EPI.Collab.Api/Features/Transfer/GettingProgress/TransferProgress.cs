using EPI.Collab.Api.Infrastructure.Auth;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace EPI.Collab.Api.Features.Transfer.GettingProgress;

/// <summary>How many activities of one kind the city held, against the EPI target for that kind (SO6).</summary>
public sealed record TargetProgress(TransferActivityKind Kind, int Count, int Target, bool Met, int AudienceCount);

public sealed record KindCount(TransferActivityKind Kind, int Count);

/// <summary>The city's transfer against the EPI targets, plus the counts of the kinds that have no target.</summary>
public sealed record TransferProgress(string CityId, IReadOnlyList<TargetProgress> Targets, IReadOnlyList<KindCount> Other)
{
    /// <summary>DOMAIN §1.3 SO6: one national conference per city, four replication workshops, the EU conference.</summary>
    public static readonly IReadOnlyDictionary<TransferActivityKind, int> EpiTargets = new Dictionary<TransferActivityKind, int>
    {
        [TransferActivityKind.NationalConference] = 1,
        [TransferActivityKind.ReplicationWorkshop] = 4,
        [TransferActivityKind.EuConference] = 1
    };

    public static TransferProgress Of(string cityId, IEnumerable<TransferActivity> activities)
    {
        var byKind = activities.GroupBy(a => a.Kind).ToDictionary(g => g.Key, g => (Count: g.Count(), Audience: g.Sum(a => a.AudienceCount)));
        return new(cityId,
            [.. EpiTargets.Select(t => byKind.TryGetValue(t.Key, out var held)
                ? new TargetProgress(t.Key, held.Count, t.Value, held.Count >= t.Value, held.Audience)
                : new TargetProgress(t.Key, 0, t.Value, false, 0))],
            [.. byKind.Where(k => !EpiTargets.ContainsKey(k.Key)).OrderBy(k => k.Key).Select(k => new KindCount(k.Key, k.Value.Count))]);
    }
}

public static class GetTransferProgressEndpoint
{
    /// <summary>The city's transfer activities counted against the EPI targets (published material).</summary>
    [WolverineGet("/api/cities/{cityId}/transfer/progress", OperationId = "GetTransferProgress")]
    [Authorize(Policy = Policies.CityPublishedReader), Tags("Transfer")]
    public static async Task<TransferProgress> Get(string cityId, IQuerySession session, CancellationToken ct) =>
        TransferProgress.Of(cityId, await session.Query<TransferActivity>().ToListAsync(ct));
}
