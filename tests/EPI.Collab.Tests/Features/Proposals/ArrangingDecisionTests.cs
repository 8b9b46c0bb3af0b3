using EPI.Collab.Api.Infrastructure.Contract;
using EPI.Collab.Api.Features.Proposals;
using EPI.Collab.Api.Features.Proposals.Clustering;
using EPI.Collab.Api.Features.Proposals.CreatingClusters;
using EPI.Collab.Api.Features.Proposals.Hiding;
using EPI.Collab.Api.Features.Proposals.Merging;
using EPI.Collab.Api.Features.Proposals.Parking;
using EPI.Collab.Api.Features.ReferenceData;
using EPI.Collab.Api.Infrastructure.Auth;
using Microsoft.AspNetCore.Mvc;
using static EPI.Collab.Tests.Features.Proposals.ProposalDecisionTests;

namespace EPI.Collab.Tests.Features.Proposals;

/// <summary>What staff decide about proposals: clusters, merging, parking, hiding.</summary>
[Trait(Lane.Name, Lane.Unit)]
public class ArrangingDecisionTests
{
    private static readonly Actor Facilitator = new(Guid.CreateVersion7(), Roles.Facilitator);

    private static Cluster Cluster(Guid? workshopId = null) => new(Guid.CreateVersion7(), workshopId ?? WorkshopId, new LocalizedText("en", "Jobs"));

    [Fact]
    public void a_cluster_is_named_in_an_accepted_language_with_3_to_100_characters()
    {
        var e = CreateClusterEndpoint.Decide(new CreateCluster(new LocalizedText("en", "  Employers as partners ")), WorkshopId,
            Guid.CreateVersion7(), Facilitator, Now);

        e.Name.ShouldBe(new LocalizedText("en", "Employers as partners"));
        // Declared on the record ([Text(3, 100)], [Language]): the door refuses it before the endpoint runs.
        RequestContract.Check(new CreateCluster(new LocalizedText("en", "Ok"))).IsValid.ShouldBeFalse();
        RequestContract.Check(new CreateCluster(new LocalizedText("en", new string('x', 101)))).IsValid.ShouldBeFalse();
        RequestContract.Check(new CreateCluster(new LocalizedText("xx", "Jobs"))).Fields().ShouldBe(["name.lang"]);
    }

    [Fact]
    public void clustering_needs_a_cluster_of_the_same_workshop_and_may_move_a_proposal()
    {
        var proposal = Submitted();
        var (first, second) = (Cluster(), Cluster());
        int? Refusal(Proposal p, Cluster? c) => ClusterProposalEndpoint.Validate(new ClusterProposal(1, c?.Id ?? Guid.Empty), p, c,
            WorkshopId, p.Id).Refusal();

        Refusal(proposal, first).ShouldBeNull();
        Refusal(proposal, null).ShouldBe(404);
        Refusal(proposal, Cluster(Guid.CreateVersion7())).ShouldBe(404);
        var clustered = proposal.Apply(ClusterProposalEndpoint.Decide(proposal, first, Facilitator, Now));
        clustered.ShouldSatisfyAllConditions(p => p.ClusterId.ShouldBe(first.Id), p => p.Status.ShouldBe(ProposalStatus.Clustered));
        Refusal(clustered, first).ShouldBe(422);
        Refusal(clustered, second).ShouldBeNull();
        Refusal(proposal.Apply(new ProposalWithdrawn(proposal.Id, WorkshopId, Author.Id, "p", Now)), first).ShouldBe(422);
    }

    [Fact]
    public void merging_names_the_surviving_proposal_which_must_be_another_live_one_of_the_workshop()
    {
        var (merged, into) = (Submitted(), Submitted());
        int? Refusal(Proposal p, Guid intoId, Proposal? target) =>
            MergeProposalEndpoint.Validate(new MergeProposal(1, intoId), p, new MergeTarget(target), WorkshopId, p.Id).Refusal();

        Refusal(merged, into.Id, into).ShouldBeNull();
        Refusal(merged, merged.Id, merged).ShouldBe(400);
        Refusal(merged, into.Id, null).ShouldBe(404);
        Refusal(merged, into.Id, into.Apply(new ProposalMerged(into.Id, WorkshopId, Guid.CreateVersion7(), Facilitator.Id, "f", Now))).ShouldBe(422);
        var e = MergeProposalEndpoint.Decide(merged, into, Facilitator, Now);
        e.ShouldBe(new ProposalMerged(merged.Id, WorkshopId, into.Id, Facilitator.Id, Roles.Facilitator, Now));
        Refusal(merged.Apply(e), into.Id, into).ShouldBe(422);
    }

    [Fact]
    public void parking_keeps_an_optional_reason_and_happens_once()
    {
        var proposal = Submitted();

        var e = ParkProposalEndpoint.Decide(proposal, "  National competence ", Facilitator, Now);

        e.Reason.ShouldBe("National competence");
        ParkProposalEndpoint.Decide(proposal, " ", Facilitator, Now).Reason.ShouldBeNull();
        ParkProposalEndpoint.Validate(new ParkProposal(1), proposal, WorkshopId, proposal.Id).Refusal().ShouldBeNull();
        ParkProposalEndpoint.Validate(new ParkProposal(2), proposal.Apply(e), WorkshopId, proposal.Id).Refusal().ShouldBe(422);
        RequestContract.Check(new ParkProposal(1, new string('r', Proposal.MaxReasonLength + 1))).Fields().ShouldBe(["reason"]);
    }

    [Fact]
    public void hiding_needs_a_reason_happens_once_and_works_on_final_proposals_too()
    {
        var proposal = Submitted();
        var withdrawn = proposal.Apply(new ProposalWithdrawn(proposal.Id, WorkshopId, Author.Id, "p", Now));

        HideProposalEndpoint.Validate(new HideProposal(1, " "), proposal, WorkshopId, proposal.Id).Refusal().ShouldBe(400);
        HideProposalEndpoint.Validate(new HideProposal(2, "Insult"), withdrawn, WorkshopId, proposal.Id).Refusal().ShouldBeNull();
        HideProposalEndpoint.Validate(new HideProposal(1, "Insult"), proposal, Guid.CreateVersion7(), proposal.Id).Refusal().ShouldBe(404);
        var hidden = proposal.Apply(HideProposalEndpoint.Decide(proposal, " Insult ", Facilitator, Now));
        hidden.ShouldSatisfyAllConditions(p => p.Hidden.ShouldBeTrue(), p => p.Status.ShouldBe(ProposalStatus.Submitted));
        HideProposalEndpoint.Validate(new HideProposal(2, "Again"), hidden, WorkshopId, proposal.Id).Refusal().ShouldBe(422);
    }
}
