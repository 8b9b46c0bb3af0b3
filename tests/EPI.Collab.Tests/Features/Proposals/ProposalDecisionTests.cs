using EPI.Collab.Api.Infrastructure.Contract;
using EPI.Collab.Api.Features.PersonalData;
using EPI.Collab.Api.Features.Proposals;
using EPI.Collab.Api.Features.Proposals.Amending;
using EPI.Collab.Api.Features.Proposals.Submitting;
using EPI.Collab.Api.Features.Proposals.Withdrawing;
using EPI.Collab.Api.Features.ReferenceData;
using EPI.Collab.Api.Features.Workshops;
using EPI.Collab.Api.Infrastructure.Auth;
using Microsoft.AspNetCore.Mvc;

namespace EPI.Collab.Tests.Features.Proposals;

/// <summary>What participants decide about their own proposals: submit, amend, withdraw.</summary>
[Trait(Lane.Name, Lane.Unit)]
public class ProposalDecisionTests
{
    public static readonly DateTimeOffset Now = new(2026, 3, 2, 9, 30, 0, TimeSpan.Zero);
    public static readonly Guid WorkshopId = Guid.CreateVersion7();
    public static readonly Actor Author = new(Guid.CreateVersion7(), Roles.Participant);
    public static readonly SubjectSeal AuthorSeal = new(Author.Id, System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    /// <summary>A text sealed under <see cref="Author"/>'s key, as events and read models hold it.</summary>
    public static PersonalText Sealed(string lang, string text) => AuthorSeal.Seal(new LocalizedText(lang, text));

    /// <summary>What the author's key opens: the text and its language.</summary>
    public static LocalizedText? Opened(PersonalText? text) =>
        text is null ? null : AuthorSeal.Open(text.Sealed) is { } plain ? new LocalizedText(text.Lang, plain) : null;

    public static Workshop Workshop(WorkshopStatus status = WorkshopStatus.InProgress) => new(WorkshopId, "cluj-napoca", status, [], null, "ACE347");

    public static Proposal Submitted(Guid? author = null) =>
        Proposal.Create(new ProposalSubmitted(Guid.CreateVersion7(), WorkshopId, Sealed("ro", "Mentorat"), [], author ?? Author.Id,
            Roles.Participant, Now));

    [Fact]
    public void submitting_records_the_trimmed_text_its_language_the_areas_and_who_when()
    {
        var id = Guid.CreateVersion7();

        var e = SubmitProposalEndpoint.Decide(new SubmitProposal(new LocalizedText("ro", "  Mentorat  "), ["BUS", "LANG", "BUS"]), WorkshopId,
            id, Author, AuthorSeal, Now);

        e.ShouldSatisfyAllConditions(x => x.ProposalId.ShouldBe(id), x => x.WorkshopId.ShouldBe(WorkshopId),
            x => Opened(x.Text).ShouldBe(new LocalizedText("ro", "Mentorat")), x => x.Text.Subject.ShouldBe(Author.Id), x => x.PolicyAreaCodes.ShouldBe(["BUS", "LANG"]),
            x => x.By.ShouldBe(Author.Id), x => x.ByRole.ShouldBe(Roles.Participant), x => x.At.ShouldBe(Now));
        Proposal.Create(e).ShouldBe(new Proposal(id, WorkshopId, Author.Id, ProposalStatus.Submitted, 1, null, false));
    }

    [Fact]
    public void every_invalid_submission_field_is_named()
    {
        var command = new SubmitProposal(new LocalizedText("tlh", " "), ["EDU", "XYZ"]);

        // The declared bounds are the door's (RequestContract); Check() knows the policy area codes.
        RequestContract.Check(command).Fields().ShouldBe(["text.lang", "text.text"], ignoreOrder: true);
        command.Check().Fields().ShouldBe(["policyAreaCodes[1]"]);
        RequestContract.Check(new SubmitProposal(null!)).Fields().ShouldBe(["text"]);
        RequestContract.Check(new SubmitProposal(new LocalizedText("lv", new string('ā', Proposal.MaxTextLength)))).IsValid.ShouldBeTrue();
        RequestContract.Check(new SubmitProposal(new LocalizedText("lv", new string('ā', Proposal.MaxTextLength + 1)))).IsValid.ShouldBeFalse();
    }

    [Theory]
    [InlineData(WorkshopStatus.Scheduled, 422)]
    [InlineData(WorkshopStatus.Open, null)]
    [InlineData(WorkshopStatus.InProgress, null)]
    [InlineData(WorkshopStatus.Closed, 422)]
    public void proposals_are_taken_while_the_workshop_is_live(WorkshopStatus status, int? refusal) =>
        SubmitProposalEndpoint.Validate(new SubmitProposal(new LocalizedText("en", "Idea")), Workshop(status), WorkshopId).Refusal()
            .ShouldBe(refusal);

    [Fact]
    public void submitting_to_an_unknown_workshop_is_a_404() =>
        SubmitProposalEndpoint.Validate(new SubmitProposal(new LocalizedText("en", "Idea")), null, WorkshopId).Refusal().ShouldBe(404);

    [Fact]
    public void amending_adds_the_next_version_in_any_language()
    {
        var proposal = Submitted().Apply(new ProposalAmended(Guid.Empty, WorkshopId, 2, Sealed("en", "x"), Author.Id, "p", Now));

        var e = AmendProposalEndpoint.Decide(proposal, new LocalizedText("de", " Mentoring durch Arbeitgeber "), Author, AuthorSeal, Now);

        e.NewVersion.ShouldBe(3);
        Opened(e.Text).ShouldBe(new LocalizedText("de", "Mentoring durch Arbeitgeber"));
        proposal.Apply(e).CurrentVersion.ShouldBe(3);
    }

    [Fact]
    public void only_the_author_changes_a_proposal_and_only_while_it_and_the_workshop_are_open()
    {
        var proposal = Submitted();
        int? Refusal(Actor actor, Proposal p, Workshop w, Guid? workshopId = null) =>
            ProposalRules.NotChangeableBy(actor, p, w, workshopId ?? WorkshopId, p.Id)?.Status;

        Refusal(Author, proposal, Workshop()).ShouldBeNull();
        Refusal(new Actor(Guid.CreateVersion7(), Roles.Participant), proposal, Workshop()).ShouldBe(403);
        Refusal(new Actor(Guid.CreateVersion7(), Roles.Facilitator), proposal, Workshop()).ShouldBe(403);
        Refusal(Author, proposal, Workshop(), Guid.CreateVersion7()).ShouldBe(404);
        Refusal(Author, proposal, Workshop(WorkshopStatus.Closed)).ShouldBe(422);
        Refusal(Author, proposal.Apply(new ProposalWithdrawn(proposal.Id, WorkshopId, Author.Id, "p", Now)), Workshop()).ShouldBe(422);
        Refusal(Author, proposal.Apply(new ProposalMerged(proposal.Id, WorkshopId, Guid.CreateVersion7(), Author.Id, "f", Now)), Workshop())
            .ShouldBe(422);
        Refusal(Author, proposal.Apply(new ProposalHidden(proposal.Id, WorkshopId, "x", Author.Id, "f", Now)), Workshop()).ShouldBe(422);
        ProposalRules.NotChangeableBy(Author, null, Workshop(), WorkshopId, Guid.CreateVersion7())!.Status.ShouldBe(404);
    }

    [Fact]
    public void amending_names_a_bad_text_field() => // declared ([Text]): the door refuses it before the endpoint runs
        RequestContract.Check(new AmendProposal(1, new LocalizedText("en", ""))).Fields().ShouldBe(["text.text"]);

    [Fact]
    public void withdrawing_records_who_and_when_and_makes_the_proposal_final()
    {
        var proposal = Submitted();

        var e = WithdrawProposalEndpoint.Decide(proposal, Author, Now);

        e.ShouldBe(new ProposalWithdrawn(proposal.Id, WorkshopId, Author.Id, Roles.Participant, Now));
        proposal.Apply(e).ShouldSatisfyAllConditions(p => p.Status.ShouldBe(ProposalStatus.Withdrawn), p => p.IsFinal.ShouldBeTrue(),
            p => p.IsOpen.ShouldBeFalse());
    }
}
