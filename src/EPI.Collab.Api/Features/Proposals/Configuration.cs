using EPI.Collab.Api.Features.Proposals.GettingDetails;
using JasperFx.Events.Projections;
using Marten;

namespace EPI.Collab.Api.Features.Proposals;

public static class Configuration
{
    public static StoreOptions ConfigureProposals(this StoreOptions opts)
    {
        opts.Projections.Snapshot<Proposal>(SnapshotLifecycle.Inline);
        opts.Projections.Snapshot<Cluster>(SnapshotLifecycle.Inline);
        opts.Projections.Add<ProposalDetailsProjection>(ProjectionLifecycle.Inline);
        opts.Schema.For<ProposalDetails>().Index(x => x.WorkshopId);
        return opts;
    }
}
