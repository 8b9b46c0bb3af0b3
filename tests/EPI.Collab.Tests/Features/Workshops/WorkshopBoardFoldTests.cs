using System.Text.Json;
using EPI.Collab.Api.Features.Comments;
using EPI.Collab.Api.Features.PersonalData;
using EPI.Collab.Api.Features.Proposals;
using EPI.Collab.Api.Features.ReferenceData;
using EPI.Collab.Api.Features.Workshops;
using EPI.Collab.Api.Features.Live;
using static EPI.Collab.Tests.Features.Proposals.ProposalDecisionTests;

namespace EPI.Collab.Tests.Features.Workshops;

/// <summary>The pure fold behind the live board, for proposal, cluster and comment events.</summary>
[Trait(Lane.Name, Lane.Unit)]
public class WorkshopBoardFoldTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 10, 0, 0, TimeSpan.Zero);
    private static readonly Guid WorkshopId = Guid.CreateVersion7();
    private static readonly Guid By = Guid.CreateVersion7();
    private static readonly Guid P1 = Guid.CreateVersion7(), P2 = Guid.CreateVersion7();

    private static WorkshopBoard Board(params object[] events) => events.Aggregate(
        WorkshopBoardFold.Create(new WorkshopScheduled(WorkshopId, "riga", WorkshopKind.FocusGroup, "FG", [], ["lv"], null, null, By, "f", Now)),
        (board, e) => WorkshopBoardFold.Apply(board, e).Board);

    private static ProposalSubmitted Submitted(Guid id, string text = "Valodas kursi") =>
        new(id, WorkshopId, Texts.GetOrAdd(text, t => Sealed("lv", t)), [], By, "participant", Now);

    /// <summary>One sealed instance per text, so boards folded from the same text compare equal.</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, PersonalText> Texts = new();

    private static CommentAdded Comment(Guid id, Guid proposalId) =>
        new(id, WorkshopId, proposalId, 1, null, CommentKind.Support, Sealed("lv", "Jā"), By, "participant", Now);

    private static (WorkshopBoard Board, BoardChange Change, string Data) Fold(WorkshopBoard board, object e)
    {
        var (folded, change) = WorkshopBoardFold.Apply(board, e);
        change.ShouldNotBeNull();
        change.CoalesceKey.ShouldBeNull();
        return (folded, change, JsonSerializer.Serialize(change.Data));
    }

    [Fact]
    public void a_submitted_proposal_joins_the_board_at_version_1_and_the_change_carries_no_text()
    {
        var (board, change, data) = Fold(Board(), Submitted(P1));

        board.Proposals.ShouldBe([new BoardProposal(P1, 1, Texts["Valodas kursi"], ProposalStatus.Submitted, null, false, 0)]);
        change.Type.ShouldBe("proposal.submitted");
        data.ShouldContain(P1.ToString());
        data.ShouldNotContain("Valodas");
    }

    [Fact]
    public void an_amendment_replaces_the_current_text_and_version()
    {
        var (board, change, data) = Fold(Board(Submitted(P1)),
            new ProposalAmended(P1, WorkshopId, 2, Sealed("en", "Language courses"), By, "participant", Now));

        board.Proposals.Single().ShouldSatisfyAllConditions(p => p.CurrentVersion.ShouldBe(2), p => Opened(p.Text)!.Text.ShouldBe("Language courses"));
        change.Type.ShouldBe("proposal.amended");
        data.ShouldNotContain("Language courses");
    }

    [Fact]
    public void withdrawn_and_merged_proposals_leave_the_board()
    {
        var board = Board(Submitted(P1), Submitted(P2));

        var (withdrawn, w, _) = Fold(board, new ProposalWithdrawn(P1, WorkshopId, By, "participant", Now));
        var (merged, m, data) = Fold(board, new ProposalMerged(P2, WorkshopId, P1, By, "facilitator", Now));

        withdrawn.Proposals.Select(p => p.Id).ShouldBe([P2]);
        w.Type.ShouldBe("proposal.withdrawn");
        merged.Proposals.Select(p => p.Id).ShouldBe([P1]);
        m.Type.ShouldBe("proposal.merged");
        data.ShouldContain(P1.ToString());
    }

    [Fact]
    public void clusters_are_listed_and_clustering_and_parking_change_the_status()
    {
        var cluster = Guid.CreateVersion7();

        var (created, c, _) = Fold(Board(Submitted(P1)), new ClusterCreated(cluster, WorkshopId, new LocalizedText("lv", "Darbs"), By, "f", Now));
        var (clustered, cl, _) = Fold(created, new ProposalClustered(P1, WorkshopId, cluster, By, "facilitator", Now));
        var (parked, pk, _) = Fold(clustered, new ProposalParked(P1, WorkshopId, "Valsts kompetence", By, "facilitator", Now));

        created.Clusters.ShouldBe([new BoardCluster(cluster, new LocalizedText("lv", "Darbs"))]);
        c.Type.ShouldBe("cluster.created");
        clustered.Proposals.Single().ShouldSatisfyAllConditions(p => p.Status.ShouldBe(ProposalStatus.Clustered), p => p.ClusterId.ShouldBe(cluster));
        cl.Type.ShouldBe("proposal.clustered");
        parked.Proposals.Single().ShouldSatisfyAllConditions(p => p.Status.ShouldBe(ProposalStatus.Parked), p => p.ClusterId.ShouldBe(cluster));
        pk.Type.ShouldBe("proposal.parked");
    }

    [Fact]
    public void a_hidden_proposal_stays_on_the_board_without_its_text()
    {
        var (board, change, _) = Fold(Board(Submitted(P1)), new ProposalHidden(P1, WorkshopId, "Insult", By, "facilitator", Now));

        board.Proposals.Single().ShouldSatisfyAllConditions(p => p.Hidden.ShouldBeTrue(), p => p.Text.ShouldBeNull());
        change.Type.ShouldBe("proposal.hidden");
    }

    [Fact]
    public void comments_count_per_proposal_and_hidden_ones_stop_counting()
    {
        var (c1, c2) = (Guid.CreateVersion7(), Guid.CreateVersion7());
        var board = Board(Submitted(P1), Submitted(P2), Comment(c1, P1));

        var (added, a, addedData) = Fold(board, Comment(c2, P1));
        var (hidden, h, hiddenData) = Fold(added, new CommentHidden(c1, WorkshopId, P1, "Off topic", By, "facilitator", Now));

        added.Proposals.Select(p => p.CommentCount).ShouldBe([2, 0]);
        a.Type.ShouldBe("comment.added");
        addedData.ShouldContain("\"commentCount\":2");
        addedData.ShouldNotContain("Jā");
        hidden.Proposals.Select(p => p.CommentCount).ShouldBe([1, 0]);
        h.Type.ShouldBe("comment.hidden");
        hiddenData.ShouldContain("\"commentCount\":1");
    }

    [Fact]
    public void a_comment_on_a_proposal_that_left_the_board_is_still_told()
    {
        var board = Board(Submitted(P1), new ProposalWithdrawn(P1, WorkshopId, By, "participant", Now));

        var (after, change, data) = Fold(board, Comment(Guid.CreateVersion7(), P1));

        after.Proposals.ShouldBeEmpty();
        change.Type.ShouldBe("comment.added");
        data.ShouldContain("\"commentCount\":null");
    }
}
