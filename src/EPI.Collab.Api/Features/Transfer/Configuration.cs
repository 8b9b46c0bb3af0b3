using JasperFx.Events.Projections;
using Marten;

namespace EPI.Collab.Api.Features.Transfer;

public static class Configuration
{
    public static StoreOptions ConfigureTransfer(this StoreOptions opts)
    {
        // Small records: the inline snapshots are what the list and get endpoints return.
        opts.Projections.Snapshot<TransferActivity>(SnapshotLifecycle.Inline);
        opts.Projections.Snapshot<FollowerCity>(SnapshotLifecycle.Inline);
        return opts;
    }
}
