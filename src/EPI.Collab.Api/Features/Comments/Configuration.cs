using EPI.Collab.Api.Features.Comments.GettingThread;
using JasperFx.Events.Projections;
using Marten;

namespace EPI.Collab.Api.Features.Comments;

public static class Configuration
{
    public static StoreOptions ConfigureComments(this StoreOptions opts)
    {
        opts.Projections.Snapshot<Comment>(SnapshotLifecycle.Inline);
        opts.Projections.Add<ThreadedCommentProjection>(ProjectionLifecycle.Inline);
        opts.Schema.For<ThreadedComment>().Index(x => x.ProposalId);
        return opts;
    }
}
