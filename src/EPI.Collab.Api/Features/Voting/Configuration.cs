using EPI.Collab.Api.Features.Voting.Casting;
using JasperFx.Events.Projections;
using Marten;

namespace EPI.Collab.Api.Features.Voting;

public static class Configuration
{
    public static StoreOptions ConfigureVoting(this StoreOptions opts)
    {
        opts.Projections.Snapshot<VotingRound>(SnapshotLifecycle.Inline);
        opts.Projections.Snapshot<Ballot>(SnapshotLifecycle.Inline);
        opts.Schema.For<Ballot>().Index(x => x.RoundId);
        opts.Schema.For<RoundKey>();
        opts.Schema.For<BallotReceipt>().Index(x => x.RoundId);
        return opts;
    }

    public static IServiceCollection AddVoting(this IServiceCollection services)
    {
        services.AddSingleton<BallotIntake>();
        services.AddHostedService(sp => sp.GetRequiredService<BallotIntake>());
        return services;
    }
}
