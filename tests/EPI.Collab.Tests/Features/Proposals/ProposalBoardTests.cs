using System.Text.Json;
using EPI.Collab.Api.Features.Comments.Hiding;
using EPI.Collab.Api.Features.Proposals;
using EPI.Collab.Api.Features.Proposals.Amending;
using EPI.Collab.Api.Features.Proposals.Clustering;
using EPI.Collab.Api.Features.Proposals.Hiding;
using EPI.Collab.Api.Features.Proposals.Merging;
using EPI.Collab.Api.Features.Proposals.Parking;
using EPI.Collab.Api.Features.Proposals.Withdrawing;
using EPI.Collab.Api.Features.ReferenceData;
using EPI.Collab.Api.Features.Live;
using EPI.Collab.Tests.Features.Workshops;

namespace EPI.Collab.Tests.Features.Proposals;

public class ProposalBoardTests(AppFixture app) : IntegrationTest(app)
{
    [Fact]
    public async Task the_board_shows_proposals_clusters_and_visible_comment_counts_and_the_feed_names_each_change()
    {
        var workshop = await App.OpenRoundTable();
        var phone = await workshop.Phone();
        var (a, b, c, d) = (await phone.Client.SubmitOk(workshop, "Mentorat de angajatori"), await phone.Client.SubmitOk(workshop, "Mentorat"),
            await phone.Client.SubmitOk(workshop, "Schimbarea legii naționale"), await phone.Client.SubmitOk(workshop, "Târg de joburi"));
        var cluster = await workshop.ClusterOk("Employers as partners");
        await phone.Client.OnProposalOk(workshop, a, "amend", new AmendProposal(1, new LocalizedText("en", "Mentoring with the chamber of commerce")));
        await workshop.Staff.OnProposalOk(workshop, a, "cluster", new ClusterProposal(2, cluster));
        await workshop.Staff.OnProposalOk(workshop, b, "merge", new MergeProposal(1, a));
        await workshop.Staff.OnProposalOk(workshop, c, "park", new ParkProposal(1));
        await phone.Client.OnProposalOk(workshop, d, "withdraw", new WithdrawProposal(1));
        await phone.Client.CommentOk(workshop, a);
        var hidden = await phone.Client.CommentOk(workshop, a, ProposalScenarios.Question("Is this off topic?"));
        await workshop.Post($"/comments/{hidden}/hide", new HideComment(1, "Off topic"));
        await workshop.Staff.OnProposalOk(workshop, c, "hide", new HideProposal(2, "Offensive"));

        var board = await workshop.Board();

        board.Clusters.ShouldBe([new BoardCluster(cluster, new LocalizedText("en", "Employers as partners"))]);
        board.Proposals.Select(p => p.Id).ShouldBe([a, c]);
        board.Proposals[0].ShouldSatisfyAllConditions(
            p => p.CurrentVersion.ShouldBe(2), p => p.Text!.AsLocalized.ShouldBe(new LocalizedText("en", "Mentoring with the chamber of commerce")),
            p => p.Status.ShouldBe(ProposalStatus.Clustered), p => p.ClusterId.ShouldBe(cluster), p => p.CommentCount.ShouldBe(1));
        board.Proposals[1].ShouldSatisfyAllConditions(
            p => p.Status.ShouldBe(ProposalStatus.Parked), p => p.Hidden.ShouldBeTrue(), p => p.Text.ShouldBeNull());
        var feed = await (await phone.Client.GetAsync(workshop.Url + "/feed")).Read<List<WorkshopMessage>>();
        feed.Select(m => m.Position).ShouldBe(Enumerable.Range(1, (int)board.Position).Select(i => (long)i));
        feed.Select(m => m.Type).Where(t => t.Split('.')[0] is "proposal" or "cluster" or "comment").ShouldBe([
            "proposal.submitted", "proposal.submitted", "proposal.submitted", "proposal.submitted", "cluster.created", "proposal.amended",
            "proposal.clustered", "proposal.merged", "proposal.parked", "proposal.withdrawn", "comment.added", "comment.added",
            "comment.hidden", "proposal.hidden"]);
        var stored = JsonSerializer.Serialize(feed);
        stored.ShouldNotContain("Mentoring with the chamber of commerce");
        stored.ShouldNotContain("Mentorat de angajatori");
        stored.ShouldNotContain("off topic?");
    }
}
