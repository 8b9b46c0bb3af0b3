using EPI.Collab.Api.Features.Voting.Casting;
using JasperFx.Events.Projections;
using EPI.Collab.Api.Infrastructure;
using Marten;

namespace EPI.Collab.Api.Features.Voting;

public static class Configuration
{
    /// <summary>Ballots whose rebuilt state is held in memory before it is written (one write per ballot per window).</summary>
    public const int BallotRebuildFlushThreshold = 10_000;

    public static StoreOptions ConfigureVoting(this StoreOptions opts)
    {
        opts.Projections.Snapshot<VotingRound>(SnapshotLifecycle.Inline);
        // A rebuild (daemon, S4 of issue #7) keeps each ballot's latest state in memory and writes it once per flush
        // window, instead of loading and upserting every ballot touched by every 500-event page. 10,000 ballots pending
        // is a few MB. These options only act in a rebuild: the projection itself is inline.
        opts.Projections.Snapshot<Ballot>(SnapshotLifecycle.Inline, rebuild => rebuild.RebuildFlushThreshold = BallotRebuildFlushThreshold);
        opts.Schema.For<Ballot>().Index(x => x.RoundId);
        opts.Schema.For<RoundKey>();
        // A phone ballot reads its round and key from each node's cache: these change them (the key goes at the close).
        opts.NoticeChangesOf(typeof(RoundRulesChanged), typeof(RoundClosed));
        opts.Schema.For<BallotReceipt>().Index(x => x.RoundId);
        opts.Projections.Snapshot<RoundDissent>(SnapshotLifecycle.Inline);
        opts.Schema.For<RoundDissent>().Index(x => x.RoundId);
        opts.Events.AddEventType<ObjectionRaised>();
        opts.Events.AddEventType<ObjectionWithdrawn>();
        return opts;
    }

    public static IServiceCollection AddVoting(this IServiceCollection services)
    {
        services.AddSingleton<BallotIntake>();
        services.AddHostedService(sp => sp.GetRequiredService<BallotIntake>());
        services.AddSingleton<BallotFacts>();
        services.AddSingleton<HubBallots>();
        return services;
    }
}
