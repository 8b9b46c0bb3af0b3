using System.Net;
using System.Net.Http.Json;
using EPI.Collab.Api.Features.Comments;
using EPI.Collab.Api.Features.Comments.Hiding;
using EPI.Collab.Api.Features.Proposals.Withdrawing;
using EPI.Collab.Api.Features.ReferenceData;
using EPI.Collab.Api.Features.Workshops.Closing;
using EPI.Collab.Tests.Features.Proposals;
using EPI.Collab.Tests.Features.Workshops;
using Marten;

namespace EPI.Collab.Tests.Features.Comments;

public class CommentTests(AppFixture app) : IntegrationTest(app)
{
    [Fact]
    public async Task comments_form_a_thread_with_replies_pinned_to_a_proposal_version()
    {
        var workshop = await App.OpenRoundTable();
        var (author, other) = (await workshop.Phone(), await workshop.Phone());
        var proposal = await author.Client.SubmitOk(workshop);

        var question = await other.Client.CommentOk(workshop, proposal);
        var answer = await author.Client.CommentOk(workshop, proposal,
            new(CommentKind.Support, new LocalizedText("ro", "Camera de comerț s-a oferit deja"), 1, question));
        var staffNote = await workshop.Staff.CommentOk(workshop, proposal, new(CommentKind.Concern, new LocalizedText("en", "Budget?"), 1));

        var thread = await other.Client.Thread(workshop, proposal);
        thread.Select(c => c.Id).ShouldBe([question, answer, staffNote]);
        thread[0].ShouldSatisfyAllConditions(c => c.Kind.ShouldBe(CommentKind.Question), c => c.AuthorId.ShouldBe(other.ParticipantId),
            c => c.ParentCommentId.ShouldBeNull(), c => c.ProposalVersion.ShouldBe(1));
        thread[1].ParentCommentId.ShouldBe(question);
        thread[1].Text!.AsLocalized.ShouldBe(new LocalizedText("ro", "Camera de comerț s-a oferit deja"));
        thread[2].AuthorRole.ShouldBe("facilitator");
    }

    [Fact]
    public async Task a_reply_must_answer_a_comment_on_the_same_proposal()
    {
        var workshop = await App.OpenRoundTable();
        var phone = await workshop.Phone();
        var (first, second) = (await phone.Client.SubmitOk(workshop, "First"), await phone.Client.SubmitOk(workshop, "Second"));
        var onFirst = await phone.Client.CommentOk(workshop, first);

        var response = await phone.Client.Comment(workshop, second, ProposalScenarios.Question(parent: onFirst));

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await phone.Client.Thread(workshop, second)).ShouldBeEmpty();
    }

    [Fact]
    public async Task a_comment_on_another_workshops_proposal_is_refused()
    {
        var mine = await App.OpenRoundTable();
        var other = await App.OpenRoundTable();
        var theirs = await (await other.Phone()).Client.SubmitOk(other);
        var phone = await mine.Phone();

        (await phone.Client.Comment(mine, theirs, ProposalScenarios.Question())).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await phone.Client.Comment(other, theirs, ProposalScenarios.Question())).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await mine.Staff.Comment(mine, theirs, ProposalScenarios.Question())).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await other.Staff.Thread(other, theirs)).ShouldBeEmpty();
    }

    [Fact]
    public async Task a_hidden_comment_keeps_its_text_for_staff_only()
    {
        var workshop = await App.OpenRoundTable();
        var phone = await workshop.Phone();
        var proposal = await phone.Client.SubmitOk(workshop);
        var comment = await phone.Client.CommentOk(workshop, proposal, ProposalScenarios.Question("Call Ana on 0722 000 000"));

        (await phone.Client.PostAsJsonAsync($"{workshop.Url}/comments/{comment}/hide", new HideComment(1, "Phone number"), Json.Options))
            .StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var hidden = await (await workshop.Post($"/comments/{comment}/hide", new HideComment(1, "Phone number"))).Read<Comment>();

        hidden.Hidden.ShouldBeTrue();
        var seenByPhone = (await phone.Client.Thread(workshop, proposal)).ShouldHaveSingleItem();
        seenByPhone.ShouldSatisfyAllConditions(c => c.Text.ShouldBeNull(), c => c.HiddenReason.ShouldBe("Phone number"));
        (await workshop.Staff.Thread(workshop, proposal)).Single().Text!.Text!.ShouldContain("0722");
        (await workshop.Post($"/comments/{comment}/hide", new HideComment(2, "Again"))).StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task no_comments_after_close_or_on_a_withdrawn_proposal()
    {
        var workshop = await App.OpenRoundTable();
        var phone = await workshop.Phone();
        var (withdrawn, open) = (await phone.Client.SubmitOk(workshop, "Withdrawn"), await phone.Client.SubmitOk(workshop, "Open"));
        await phone.Client.OnProposalOk(workshop, withdrawn, "withdraw", new WithdrawProposal(1));

        (await phone.Client.Comment(workshop, withdrawn, ProposalScenarios.Question())).StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        await workshop.Do("/close", new CloseWorkshop(workshop.Version));
        var afterClose = await phone.Client.Comment(workshop, open, ProposalScenarios.Question());

        afterClose.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await afterClose.Content.ReadAsStringAsync()).ShouldContain("closed");
    }

    [Fact]
    public async Task bad_input_is_a_400_with_field_errors_and_appends_nothing()
    {
        var workshop = await App.OpenRoundTable();
        var phone = await workshop.Phone();
        var proposal = await phone.Client.SubmitOk(workshop);

        var response = await phone.Client.Comment(workshop, proposal, new(CommentKind.Concern, new LocalizedText("xx", ""), 0));
        var unknownKind = await phone.Client.Comment(workshop, proposal, new((CommentKind)42, new LocalizedText("en", "Why?"), 1));
        var futureVersion = await phone.Client.Comment(workshop, proposal, ProposalScenarios.Question(version: 2));

        (await response.Read400()).Errors.Keys.ShouldBe(["text.lang", "text.text", "proposalVersion"], ignoreOrder: true);
        // Enums are names only: a number, defined or not, is not the JSON of this operation.
        unknownKind.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        // The door names the field whose JSON does not read (its field code: bad-json).
        (await unknownKind.Read400()).Errors.Keys.ShouldBe(["kind"]);
        (await futureVersion.Read400()).Errors.Keys.ShouldBe(["proposalVersion"]);
        await using var session = App.Store.QuerySession(workshop.CityId);
        (await session.Events.QueryRawEventDataOnly<CommentAdded>().CountAsync()).ShouldBe(0);
    }
}
