using EPI.Collab.Api.Features.Audit.TimeTravel;
using EPI.Collab.Api.Features.Proposals.GettingDetails;
using EPI.Collab.Api.Features.Strategies.GettingDetails;
using EPI.Collab.Api.Features.Voting;
using Marten;

namespace EPI.Collab.Api.Features.Audit;

public static class Configuration
{
    public static StoreOptions ConfigureAudit(this StoreOptions opts, StoredStates storedStates, StoredFolds storedFolds)
    {
        // Time travel: the streams an as-of endpoint folds and that grow without bound keep a stored state every K versions.
        storedStates
            .Keep<ProposalDetails>(opts, typeof(ProposalDetailsProjection))
            .Keep<StrategyDetails>(opts, typeof(StrategyDetailsProjection))
            .Keep<VotingRound>(opts, typeof(VotingRound));
        // The as-of board of a workshop and the as-of ballots of a round fold many streams: stored by log sequence.
        storedFolds.Register(opts);
        // Not tenanted: one chain over every city's events.
        opts.Schema.For<ChainLink>().Identity(x => x.Sequence).SingleTenanted();
        AuditEventIndexes.Register(opts);
        return opts;
    }
}
