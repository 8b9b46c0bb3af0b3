using System.Net;
using System.Net.Http.Json;
using EPI.Collab.Api.Features.Proposals;
using EPI.Collab.Api.Features.Proposals.Amending;
using EPI.Collab.Api.Features.Proposals.Clustering;
using EPI.Collab.Api.Features.Proposals.Hiding;
using EPI.Collab.Api.Features.Proposals.Merging;
using EPI.Collab.Api.Features.Proposals.Parking;
using EPI.Collab.Api.Features.Proposals.Submitting;
using EPI.Collab.Api.Features.Proposals.Withdrawing;
using EPI.Collab.Api.Features.ReferenceData;
using EPI.Collab.Api.Features.Workshops.Closing;
using EPI.Collab.Tests.Features.Workshops;
using Marten;
using Microsoft.AspNetCore.Mvc;

namespace EPI.Collab.Tests.Features.Proposals;

public class ProposalTests(AppFixture app) : IntegrationTest(app)
{
    [Fact]
    public async Task a_submitted_proposal_is_listed_and_amending_keeps_the_first_text_and_language()
    {
        var workshop = await App.OpenRoundTable();
        var phone = await workshop.Phone();

        var id = await phone.Client.SubmitOk(workshop, "  Mentorat oferit de angajatori  ", "ro");
        var second = await workshop.Staff.SubmitOk(workshop, "Language-for-work courses", "en");
        var amended = await phone.Client.OnProposalOk(workshop, id, "amend", new AmendProposal(1, new LocalizedText("en", "Employer mentoring")));

        amended.CurrentVersion.ShouldBe(2);
        amended.Version.ShouldBe(2);
        var details = await phone.Client.Proposal(workshop, id);
        details.AuthorId.ShouldBe(phone.ParticipantId);
        details.CurrentVersion.ShouldBe(2);
        details.Versions.Select(v => (v.Number, v.Text!.AsLocalized)).ShouldBe([
            (1, new LocalizedText("ro", "Mentorat oferit de angajatori")), (2, new LocalizedText("en", "Employer mentoring"))]);
        (await phone.Client.Proposals(workshop)).Select(p => p.Id).ShouldBe([id, second]);
    }

    [Fact]
    public async Task only_the_author_may_amend_or_withdraw_others_get_403()
    {
        var workshop = await App.OpenRoundTable();
        var author = await workshop.Phone();
        var other = await workshop.Phone();
        var id = await author.Client.SubmitOk(workshop);

        (await other.Client.OnProposal(workshop, id, "amend", new AmendProposal(1, new LocalizedText("en", "Mine now"))))
            .StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await other.Client.OnProposal(workshop, id, "withdraw", new WithdrawProposal(1))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await workshop.Staff.OnProposal(workshop, id, "withdraw", new WithdrawProposal(1))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        var withdrawn = await author.Client.OnProposalOk(workshop, id, "withdraw", new WithdrawProposal(1));

        withdrawn.Status.ShouldBe(ProposalStatus.Withdrawn);
        (await author.Client.OnProposal(workshop, id, "amend", new AmendProposal(2, new LocalizedText("en", "Back again"))))
            .StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task participants_and_auditors_cannot_arrange_or_moderate_proposals()
    {
        var workshop = await App.OpenRoundTable();
        var phone = await workshop.Phone();
        var id = await phone.Client.SubmitOk(workshop);
        var other = await phone.Client.SubmitOk(workshop, "Another idea");
        var cluster = await workshop.ClusterOk();
        var auditor = await App.ClientFor("auditor");

        foreach (var client in new[] { phone.Client, auditor })
        {
            (await client.OnProposal(workshop, id, "cluster", new ClusterProposal(1, cluster))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
            (await client.OnProposal(workshop, id, "merge", new MergeProposal(1, other))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
            (await client.OnProposal(workshop, id, "park", new ParkProposal(1))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
            (await client.OnProposal(workshop, id, "hide", new HideProposal(1, "Names a neighbour"))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        }
        (await auditor.Submit(workshop, new SubmitProposal(new LocalizedText("en", "An auditor's idea")))).StatusCode
            .ShouldBe(HttpStatusCode.Forbidden);
        (await phone.Client.Proposal(workshop, id)).Status.ShouldBe(ProposalStatus.Submitted);
    }

    [Fact]
    public async Task staff_cluster_recluster_merge_and_park()
    {
        var workshop = await App.OpenRoundTable();
        var phone = await workshop.Phone();
        var (a, b, c) = (await phone.Client.SubmitOk(workshop, "A"), await phone.Client.SubmitOk(workshop, "B"),
            await phone.Client.SubmitOk(workshop, "C"));
        var skills = await workshop.ClusterOk("Skills recognition first");
        var employers = await workshop.ClusterOk("Employers as partners");

        await workshop.Staff.OnProposalOk(workshop, a, "cluster", new ClusterProposal(1, skills));
        var moved = await workshop.Staff.OnProposalOk(workshop, a, "cluster", new ClusterProposal(2, employers));
        var merged = await workshop.Staff.OnProposalOk(workshop, b, "merge", new MergeProposal(1, a));
        var parked = await workshop.Staff.OnProposalOk(workshop, c, "park", new ParkProposal(1, "National competence"));

        moved.ClusterId.ShouldBe(employers);
        merged.Status.ShouldBe(ProposalStatus.Merged);
        parked.Status.ShouldBe(ProposalStatus.Parked);
        (await phone.Client.Proposal(workshop, b)).MergedInto.ShouldBe(a);
        (await phone.Client.Proposal(workshop, c)).ParkedReason.ShouldBe("National competence");
        (await workshop.Staff.OnProposal(workshop, a, "merge", new MergeProposal(3, b))).StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await workshop.Staff.OnProposal(workshop, b, "park", new ParkProposal(2))).StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task a_hidden_proposal_shows_its_text_to_staff_only()
    {
        var workshop = await App.OpenRoundTable();
        var phone = await workshop.Phone();
        var id = await phone.Client.SubmitOk(workshop, "My neighbour Ion Popescu should get the job");
        var visible = await phone.Client.SubmitOk(workshop, "Mentoring");

        await workshop.Staff.OnProposalOk(workshop, id, "hide", new HideProposal(1, "Names a third person"));

        var seenByPhone = await phone.Client.Proposal(workshop, id);
        seenByPhone.Hidden.ShouldBeTrue();
        seenByPhone.HiddenReason.ShouldBe("Names a third person");
        seenByPhone.Versions.ShouldAllBe(v => v.Text == null);
        (await phone.Client.Proposals(workshop)).Select(p => p.Id).ShouldBe([visible]);
        (await workshop.Staff.Proposal(workshop, id)).Versions[0].Text!.Text!.ShouldContain("Ion Popescu");
        (await workshop.Staff.Proposals(workshop)).Select(p => p.Id).ShouldBe([id, visible]);
        var board = await workshop.Board();
        board.Proposals.Single(p => p.Id == id).ShouldSatisfyAllConditions(p => p.Hidden.ShouldBeTrue(), p => p.Text.ShouldBeNull());
        (await phone.Client.GetStringAsync(workshop.Url + "/feed")).ShouldNotContain("Popescu");
        (await phone.Client.OnProposal(workshop, id, "amend", new AmendProposal(2, new LocalizedText("en", "Edited"))))
            .StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task submitting_after_close_is_a_422()
    {
        var workshop = await App.OpenRoundTable();
        var phone = await workshop.Phone();
        await workshop.Do("/close", new CloseWorkshop(workshop.Version));

        var response = await phone.Client.Submit(workshop, new SubmitProposal(new LocalizedText("en", "Too late")));

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var problem = (await response.Content.ReadFromJsonAsync<ProblemDetails>(Json.Options))!;
        problem.Detail!.ShouldContain("closed");
        problem.Extensions["code"]!.ToString().ShouldBe("workshop-closed");
    }

    [Fact]
    public async Task a_command_on_a_stale_version_is_a_409_and_changes_nothing()
    {
        var workshop = await App.OpenRoundTable();
        var phone = await workshop.Phone();
        var id = await phone.Client.SubmitOk(workshop);
        await phone.Client.OnProposalOk(workshop, id, "amend", new AmendProposal(1, new LocalizedText("en", "Second")));

        var stale = await phone.Client.OnProposal(workshop, id, "amend", new AmendProposal(1, new LocalizedText("en", "Third")));

        stale.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        stale.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await phone.Client.Proposal(workshop, id)).CurrentVersion.ShouldBe(2);
    }

    [Fact]
    public async Task bad_input_is_a_400_with_field_errors_and_appends_nothing()
    {
        var workshop = await App.OpenRoundTable();
        var phone = await workshop.Phone();

        var response = await phone.Client.Submit(workshop,
            new SubmitProposal(new LocalizedText("tlh", new string('a', Proposal.MaxTextLength + 1)), ["BUS", "NOPE"]));
        var id = await phone.Client.SubmitOk(workshop);
        var amend = await phone.Client.OnProposal(workshop, id, "amend", new AmendProposal(1, new LocalizedText("en", "   ")));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        // The contract (language, length) is checked at the door; the area codes only once the body keeps it.
        (await response.Read400()).Errors.Keys.ShouldBe(["text.lang", "text.text"], ignoreOrder: true);
        (await (await phone.Client.Submit(workshop, new SubmitProposal(new LocalizedText("en", "Fine"), ["BUS", "NOPE"]))).Read400())
            .Errors.Keys.ShouldBe(["policyAreaCodes[1]"]);
        amend.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await amend.Read400()).Errors.Keys.ShouldBe(["text.text"]);
        await using var session = App.Store.QuerySession(workshop.CityId);
        (await session.Events.QueryRawEventDataOnly<ProposalSubmitted>().CountAsync()).ShouldBe(1);
        (await session.Events.FetchStreamAsync(id)).Count.ShouldBe(1);
    }

    [Fact]
    public async Task a_missing_body_is_a_400_problem()
    {
        var workshop = await App.OpenRoundTable();
        var phone = await workshop.Phone();
        var id = await phone.Client.SubmitOk(workshop);

        foreach (var path in new[] { "/proposals", $"/proposals/{id}/amend", $"/proposals/{id}/comments" })
        {
            var response = await phone.Client.PostAsync(workshop.Url + path, null);
            response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, path);
            response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        }
    }

    [Fact]
    public async Task a_proposal_of_another_workshop_is_not_found_through_this_one()
    {
        var mine = await App.OpenRoundTable();
        var other = await App.OpenRoundTable();
        var theirs = await (await other.Phone()).Client.SubmitOk(other);
        var phone = await mine.Phone();

        (await phone.Client.GetAsync($"{mine.Url}/proposals/{theirs}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await phone.Client.GetAsync($"{other.Url}/proposals/{theirs}")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await mine.Staff.OnProposal(mine, theirs, "park", new ParkProposal(1))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}
