using Marten;

namespace EPI.Collab.Api.Features.Audit;

public static class Configuration
{
    public static StoreOptions ConfigureAudit(this StoreOptions opts)
    {
        // Not tenanted: one chain over every city's events.
        opts.Schema.For<ChainLink>().Identity(x => x.Sequence).SingleTenanted();
        AuditEventIndexes.Register(opts);
        return opts;
    }
}
