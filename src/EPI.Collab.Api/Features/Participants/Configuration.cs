using JasperFx.Events.Projections;
using Marten;

namespace EPI.Collab.Api.Features.Participants;

public static class Configuration
{
    public static StoreOptions ConfigureParticipants(this StoreOptions opts)
    {
        opts.Projections.Snapshot<Participant>(SnapshotLifecycle.Inline);
        opts.Schema.For<ParticipantProfile>();
        opts.Schema.For<RejoinCredential>();
        return opts;
    }
}
