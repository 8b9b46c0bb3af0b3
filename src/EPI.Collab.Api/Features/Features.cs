using EPI.Collab.Api.Features.Cities;
using EPI.Collab.Api.Features.Comments;
using EPI.Collab.Api.Features.Decisions;
using EPI.Collab.Api.Features.Organisations;
using EPI.Collab.Api.Features.Reviews;
using EPI.Collab.Api.Features.Participants;
using EPI.Collab.Api.Features.PersonalData;
using EPI.Collab.Api.Features.Pilots;
using EPI.Collab.Api.Features.Proposals;
using EPI.Collab.Api.Features.Strategies;
using EPI.Collab.Api.Features.Audit;
using EPI.Collab.Api.Features.Transfer;
using EPI.Collab.Api.Features.Translations;
using EPI.Collab.Api.Features.Voting;
using EPI.Collab.Api.Features.Workshops;
using EPI.Collab.Api.Features.Audit.TimeTravel;
using Marten;

namespace EPI.Collab.Api.Features;

/// <summary>The one place that lists the feature areas; each area registers its own events and projections.</summary>
public static class Features
{
    /// <summary>Every area's events, documents and projections, with the settings they read from configuration.</summary>
    public static StoreOptions ConfigureFeatures(this StoreOptions opts, IConfiguration configuration) =>
        opts.ConfigureFeatures(configuration.GetValue("TimeTravel:StoredStateEvery", StoredStates.DefaultEvery), StoredFolds.From(configuration));

    /// <param name="storedStateEvery">K of the time-travel stored states (<c>TimeTravel:StoredStateEvery</c>).</param>
    /// <param name="storedFolds">Spacing of the stored boards and tally sums (<c>TimeTravel:BoardStoredStateEvery</c>, <c>…BallotsStoredStateEvery</c>).</param>
    public static StoreOptions ConfigureFeatures(this StoreOptions opts, int storedStateEvery = StoredStates.DefaultEvery,
        StoredFolds? storedFolds = null) => opts
        .ConfigureCities()
        .ConfigureWorkshops()
        .ConfigureParticipants()
        .ConfigurePersonalData()
        .ConfigureProposals()
        .ConfigureComments()
        .ConfigureVoting()
        .ConfigureDecisions()
        .ConfigureOrganisations()
        .ConfigureReviews()
        .ConfigureStrategies()
        .ConfigurePilots()
        .ConfigureTransfer()
        .ConfigureTranslations()
        .ConfigureAudit(new StoredStates(storedStateEvery), storedFolds ?? new StoredFolds(StoredFolds.DefaultBoardEvery, StoredFolds.DefaultBallotsEvery));
}
