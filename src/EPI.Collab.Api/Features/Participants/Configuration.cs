using JasperFx.Events.Projections;
using EPI.Collab.Api.Infrastructure;
using Marten;

namespace EPI.Collab.Api.Features.Participants;

public static class Configuration
{
    public static StoreOptions ConfigureParticipants(this StoreOptions opts)
    {
        opts.Projections.Snapshot<Participant>(SnapshotLifecycle.Inline);
        opts.Schema.For<ParticipantProfile>();
        opts.Schema.For<RejoinCredential>();
        opts.Schema.For<Participant>().Index(x => x.WorkshopId);
        // A participant's standing is read from each node's cache (ParticipantGate, ballots): these change it.
        opts.NoticeChangesOf(typeof(ParticipantAdmitted), typeof(ParticipantRefused), typeof(ParticipantRemoved));
        return opts;
    }

    public static IServiceCollection AddParticipants(this IServiceCollection services) =>
        services.AddSingleton<Joining.JoinMeter>().AddSingleton<Infrastructure.Auth.ITokenCheck, ParticipantGate>();
}
