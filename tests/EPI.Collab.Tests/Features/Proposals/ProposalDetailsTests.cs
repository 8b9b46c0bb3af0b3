using EPI.Collab.Api.Features.PersonalData;
using EPI.Collab.Api.Features.Proposals;
using EPI.Collab.Api.Features.Proposals.GettingDetails;
using EPI.Collab.Api.Features.ReferenceData;
using static EPI.Collab.Tests.Features.Proposals.ProposalDecisionTests;

namespace EPI.Collab.Tests.Features.Proposals;

[Trait(Lane.Name, Lane.Unit)]
public class ProposalDetailsTests
{
    private static readonly Guid Id = Guid.CreateVersion7();

    private static ProposalDetails Details() => ProposalDetailsProjection.Create(
        new ProposalSubmitted(Id, WorkshopId, Mentorat, ["BUS"], Author.Id, "participant", Now));

    private static readonly PersonalText Mentorat = Sealed("ro", "Mentorat");
    private static readonly PersonalText Mentoring = Sealed("en", "Mentoring");

    [Fact]
    public void every_version_keeps_its_text_language_and_time()
    {
        var details = ProposalDetailsProjection.Apply(
            new ProposalAmended(Id, WorkshopId, 2, Mentoring, Author.Id, "participant", Now.AddMinutes(3)), Details());

        details.CurrentVersion.ShouldBe(2);
        details.Versions.ShouldBe([
            new ProposalTextVersion(1, Mentorat, Now),
            new ProposalTextVersion(2, Mentoring, Now.AddMinutes(3))]);
        details.SubmittedAt.ShouldBe(Now);
    }

    [Fact]
    public void status_cluster_merge_and_parking_are_recorded()
    {
        var (cluster, into) = (Guid.CreateVersion7(), Guid.CreateVersion7());

        var clustered = ProposalDetailsProjection.Apply(new ProposalClustered(Id, WorkshopId, cluster, Author.Id, "f", Now), Details());
        var parked = ProposalDetailsProjection.Apply(new ProposalParked(Id, WorkshopId, "National competence", Author.Id, "f", Now), clustered);
        var merged = ProposalDetailsProjection.Apply(new ProposalMerged(Id, WorkshopId, into, Author.Id, "f", Now), Details());

        clustered.ShouldSatisfyAllConditions(d => d.Status.ShouldBe(ProposalStatus.Clustered), d => d.ClusterId.ShouldBe(cluster));
        parked.ShouldSatisfyAllConditions(d => d.Status.ShouldBe(ProposalStatus.Parked), d => d.ParkedReason.ShouldBe("National competence"),
            d => d.ClusterId.ShouldBe(cluster));
        merged.ShouldSatisfyAllConditions(d => d.Status.ShouldBe(ProposalStatus.Merged), d => d.MergedInto.ShouldBe(into));
        ProposalDetailsProjection.Apply(new ProposalWithdrawn(Id, WorkshopId, Author.Id, "p", Now), Details()).Status
            .ShouldBe(ProposalStatus.Withdrawn);
    }

    [Fact]
    public void a_hidden_proposal_shows_its_texts_to_staff_and_only_the_reason_to_others()
    {
        var hidden = ProposalDetailsProjection.Apply(new ProposalHidden(Id, WorkshopId, "Names a neighbour", Author.Id, "f", Now), Details());

        hidden.AsSeenBy(staff: true).ShouldBeSameAs(hidden);
        hidden.AsSeenBy(staff: false).ShouldSatisfyAllConditions(d => d.Versions.ShouldAllBe(v => v.Text == null),
            d => d.HiddenReason.ShouldBe("Names a neighbour"), d => d.Hidden.ShouldBeTrue());
        Details().AsSeenBy(staff: false).Versions[0].Text.ShouldNotBeNull();
    }
}
