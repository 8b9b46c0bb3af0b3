using JasperFx.Events.Projections;
using Marten;

namespace EPI.Collab.Api.Features.Organisations;

public static class Configuration
{
    public static StoreOptions ConfigureOrganisations(this StoreOptions opts)
    {
        // Small enough to be its own read model: the inline snapshot is what the list and get endpoints return.
        opts.Projections.Snapshot<Organisation>(SnapshotLifecycle.Inline);
        return opts;
    }
}
