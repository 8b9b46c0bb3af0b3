using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using Marten.Subscriptions;

namespace EPI.Collab.Api.Features.Audit;

/// <summary>
/// Keeps the hash chain: a Marten subscription run by the async daemon, which hands it pages behind the high-water
/// mark in sequence order. It links every row of mt_events in the page's range (read raw, so the chain is exactly
/// what verify recomputes) and stores the links in the same transaction as its own progress. It needs the page's range
/// only, so it asks the daemon for no events at all (<see cref="RangesOnly"/>, a type never appended): the daemon then
/// hands it empty pages up to the high-water mark instead of loading and deserialising every event for it (issue #15:
/// the daemon's loads were the largest stage of a ballot storm's CPU once the group commit was lean).
/// </summary>
public sealed class ChainKeeper : SubscriptionBase
{
    /// <summary>No event is ever of this type: asking for it alone makes the daemon's pages ranges without events.</summary>
    public sealed record RangesOnly;

    public ChainKeeper()
    {
        Name = "ChainKeeper";
        Options.BatchSize = 1000;
        IncludeType<RangesOnly>();
    }

    public override async Task<IChangeListener> ProcessEventsAsync(EventRange page, ISubscriptionController controller,
        IDocumentOperations operations, CancellationToken cancellationToken)
    {
        var last = await Chain.LastAsync(operations, cancellationToken);
        var (after, previous) = (last?.Sequence ?? 0, last?.Hash ?? Chain.Genesis);
        while (after < page.SequenceCeiling)
        {
            var rows = await Chain.EventsAsync(operations, after, page.SequenceCeiling, Chain.PageSize, cancellationToken);
            if (rows.Count == 0) break;
            foreach (var row in rows)
            {
                var hash = Chain.Link(previous, row);
                operations.Store(new ChainLink(row.Sequence, row.EventId, hash, previous, DateOnly.FromDateTime(row.Timestamp.UtcDateTime)));
                (after, previous) = (row.Sequence, hash);
            }
        }
        return NullChangeListener.Instance;
    }
}

public static class AuditConfiguration
{
    public static MartenServiceCollectionExtensions.MartenConfigurationExpression AddChainKeeper(
        this MartenServiceCollectionExtensions.MartenConfigurationExpression marten) =>
        marten.AddSubscriptionWithServices<ChainKeeper>(ServiceLifetime.Singleton);
}
