using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using Marten.Subscriptions;

namespace EPI.Collab.Api.Features.Audit;

/// <summary>
/// Keeps the hash chain: a Marten subscription run by the async daemon, which hands it pages behind the high-water
/// mark in sequence order. It links every row of mt_events in the page's range (read raw, so the chain is exactly
/// what verify recomputes) and stores the links in the same transaction as its own progress. It takes every event although
/// it reads the rows itself: asked for an event type that is never appended (to spare the daemon deserialising them), the
/// daemon hands it each range up to the high-water mark in one page, so after a backlog it would store every link at once
/// (issue #15, tried and reverted).
/// </summary>
public sealed class ChainKeeper : SubscriptionBase
{
    public ChainKeeper()
    {
        Name = "ChainKeeper";
        Options.BatchSize = 1000;
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
