using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using Marten.Subscriptions;

namespace EPI.Collab.Api.Features.Audit;

/// <summary>
/// Keeps the hash chain: a Marten subscription run by the async daemon, which hands it pages behind the high-water
/// mark in sequence order. It links every row of mt_events in the page's range, read raw (so the chain is exactly what
/// verify recomputes), and asks the daemon for ranges only (<see cref="RangePages"/>). It resumes from its last stored
/// link; the links of a range's last chunk are stored in the same transaction as its progress, earlier chunks of a long
/// range each in a transaction of their own.
/// </summary>
public sealed class ChainKeeper : SubscriptionBase
{
    public ChainKeeper()
    {
        Name = "ChainKeeper";
        Options.BatchSize = 1000;
        IncludeType<RangePages.RangesOnly>();
    }

    public override async Task<IChangeListener> ProcessEventsAsync(EventRange page, ISubscriptionController controller,
        IDocumentOperations operations, CancellationToken cancellationToken)
    {
        var last = await Chain.LastAsync(operations, cancellationToken);
        var (after, previous) = (last?.Sequence ?? 0, last?.Hash ?? Chain.Genesis);
        while (after < page.SequenceCeiling)
        {
            var rows = await Chain.EventsAsync(operations.DocumentStore, after, page.SequenceCeiling, Chain.PageSize, cancellationToken);
            if (rows.Count == 0) break;
            var links = new ChainLink[rows.Count];
            for (var i = 0; i < rows.Count; i++)
            {
                var hash = Chain.Link(previous, rows[i]);
                links[i] = new ChainLink(rows[i].Sequence, rows[i].EventId, hash, previous, DateOnly.FromDateTime(rows[i].Timestamp.UtcDateTime));
                (after, previous) = (rows[i].Sequence, hash);
            }
            var lastChunk = rows.Count < Chain.PageSize || after >= page.SequenceCeiling;
            await RangePages.StoreAsync(operations, lastChunk, chunk => chunk.Store(links), cancellationToken);
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
