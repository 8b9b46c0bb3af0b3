using EPI.Collab.Api.Infrastructure.Contract;
using EPI.Collab.Api.Features.Comments;
using EPI.Collab.Api.Features.Comments.Adding;
using EPI.Collab.Api.Features.Comments.GettingThread;
using EPI.Collab.Api.Features.Comments.Hiding;
using EPI.Collab.Api.Features.Proposals;
using EPI.Collab.Api.Features.ReferenceData;
using EPI.Collab.Api.Features.Workshops;
using EPI.Collab.Api.Infrastructure.Auth;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using EPI.Collab.Tests.Features.Proposals;
using static EPI.Collab.Tests.Features.Proposals.ProposalDecisionTests;

namespace EPI.Collab.Tests.Features.Comments;

[Trait(Lane.Name, Lane.Unit)]
public class CommentDecisionTests
{
    private static readonly Actor Staff = new(Guid.CreateVersion7(), Roles.Facilitator);

    private static AddComment Reply(Guid? parent = null, int version = 1) =>
        new(CommentKind.Concern, new LocalizedText("it", " Chi paga? "), version, parent);

    private static Comment CommentOn(Proposal proposal) => Comment.Create(new CommentAdded(Guid.CreateVersion7(), WorkshopId, proposal.Id, 1, null,
        CommentKind.Question, Sealed("en", "Who?"), Author.Id, Roles.Participant, Now));

    private static int? Refusal(AddComment command, CommentTarget target, Guid proposalId) =>
        AddCommentEndpoint.Validate(command, target, WorkshopId, proposalId).Refusal();

    [Fact]
    public void a_comment_pins_the_proposal_version_its_parent_and_kind_and_records_who_when()
    {
        var proposal = Submitted();
        var parent = Guid.CreateVersion7();

        var e = AddCommentEndpoint.Decide(Reply(parent), proposal, Guid.CreateVersion7(), Author, AuthorSeal, Now);

        e.ShouldSatisfyAllConditions(c => c.ProposalId.ShouldBe(proposal.Id), c => c.WorkshopId.ShouldBe(WorkshopId),
            c => c.ProposalVersion.ShouldBe(1), c => c.ParentCommentId.ShouldBe(parent), c => c.Kind.ShouldBe(CommentKind.Concern),
            c => Opened(c.Text).ShouldBe(new LocalizedText("it", "Chi paga?")), c => c.By.ShouldBe(Author.Id), c => c.At.ShouldBe(Now));
        Comment.Create(e).ShouldBe(new Comment(e.CommentId, WorkshopId, proposal.Id, false));
    }

    [Fact]
    public void every_invalid_field_is_named()
    {
        var command = new AddComment((CommentKind)9, new LocalizedText("xx", ""), 0);

        // The declared bounds are the door's (RequestContract); Check() states only what no attribute says.
        RequestContract.Check(command).Fields().ShouldBe(["text.lang", "text.text", "proposalVersion"], ignoreOrder: true);
        command.Check().Fields().ShouldBe(["kind"]);
    }

    [Fact]
    public void comments_need_a_live_workshop_an_open_proposal_of_it_an_existing_version_and_a_parent_on_the_same_proposal()
    {
        var proposal = Submitted();
        var live = new CommentTarget(Workshop(), proposal, null);

        Refusal(Reply(), live, proposal.Id).ShouldBeNull();
        Refusal(Reply(), live with { Workshop = Workshop(WorkshopStatus.Closed) }, proposal.Id).ShouldBe(422);
        Refusal(Reply(), live with { Workshop = null }, proposal.Id).ShouldBe(404);
        Refusal(Reply(), live with { Proposal = null }, proposal.Id).ShouldBe(404);
        Refusal(Reply(), live with { Proposal = proposal with { WorkshopId = Guid.CreateVersion7() } }, proposal.Id).ShouldBe(404);
        Refusal(Reply(), live with { Proposal = proposal with { Hidden = true } }, proposal.Id).ShouldBe(422);
        Refusal(Reply(), live with { Proposal = proposal with { Status = ProposalStatus.Merged } }, proposal.Id).ShouldBe(422);
        Refusal(Reply(version: 2), live, proposal.Id).ShouldBe(400);
        Refusal(Reply(version: 2), live with { Proposal = proposal with { CurrentVersion = 2 } }, proposal.Id).ShouldBeNull();
        var sibling = CommentOn(proposal);
        Refusal(Reply(sibling.Id), live with { Parent = sibling }, proposal.Id).ShouldBeNull();
        Refusal(Reply(Guid.CreateVersion7()), live, proposal.Id).ShouldBe(422);
        Refusal(Reply(sibling.Id), live with { Parent = sibling with { ProposalId = Guid.CreateVersion7() } }, proposal.Id).ShouldBe(422);
    }

    [Fact]
    public void hiding_a_comment_needs_a_reason_and_happens_once()
    {
        var comment = CommentOn(Submitted());
        int? Refusal(HideComment command, Comment? c, Guid? workshopId = null) =>
            HideCommentEndpoint.Validate(command, c, workshopId ?? WorkshopId, comment.Id).Refusal();

        Refusal(new HideComment(1, "Phone number"), comment).ShouldBeNull();
        Refusal(new HideComment(1, ""), comment).ShouldBe(400);
        Refusal(new HideComment(1, "Phone number"), null).ShouldBe(404);
        Refusal(new HideComment(1, "Phone number"), comment, Guid.CreateVersion7()).ShouldBe(404);
        var e = HideCommentEndpoint.Decide(comment, " Phone number ", Staff, Now);
        e.ShouldBe(new CommentHidden(comment.Id, WorkshopId, comment.ProposalId, "Phone number", Staff.Id, Roles.Facilitator, Now));
        Refusal(new HideComment(2, "Again"), comment.Apply(e)).ShouldBe(422);
    }

    [Fact]
    public void a_hidden_comment_shows_its_text_to_staff_and_only_the_reason_to_others()
    {
        var added = new CommentAdded(Guid.CreateVersion7(), WorkshopId, Guid.CreateVersion7(), 1, null, CommentKind.Dissent,
            Sealed("sv", "Nej"), Author.Id, Roles.Participant, Now);
        var hidden = ThreadedCommentProjection.Apply(new CommentHidden(added.CommentId, WorkshopId, added.ProposalId, "Insult", Staff.Id, "f", Now),
            ThreadedCommentProjection.Create(added));

        Opened(hidden.AsSeenBy(staff: true).Text).ShouldBe(new LocalizedText("sv", "Nej"));
        hidden.AsSeenBy(staff: false).ShouldSatisfyAllConditions(c => c.Text.ShouldBeNull(), c => c.HiddenReason.ShouldBe("Insult"));
        ThreadedCommentProjection.Create(added).AsSeenBy(staff: false).Text.ShouldNotBeNull();
    }
}
