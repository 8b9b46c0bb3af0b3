using System.Net;
using System.Net.Http.Json;
using EPI.Collab.Api.Features.PersonalData.Erasing;
using EPI.Collab.Api.Features.Strategies.Adopting;
using EPI.Collab.Api.Features.Strategies.GettingDetails;
using EPI.Collab.Tests.Features.Proposals;
using EPI.Collab.Tests.Features.Strategies;
using EPI.Collab.Tests.Features.Workshops;

namespace EPI.Collab.Tests.Security;

/// <summary>Facilitators run workshops; the city process (adoption, erasure, …) belongs to the city's coordinator.</summary>
public sealed class RoleSplitTests(AppFixture app) : IntegrationTest(app)
{
    [Fact]
    public async Task a_facilitator_is_refused_adoption_and_the_revision_stays_pending()
    {
        var strategy = await StrategyUnderWay.Start(App);
        var objective = Items.Objective();
        var proposed = await (await strategy.Propose(strategy.Revision(Items.Add(objective)))).Read<Api.Features.Strategies.StrategyChanged>();
        var facilitator = await App.ClientFor("facilitator.cluj");

        var refused = await facilitator.PostAsJsonAsync($"{strategy.Url}/revisions/{proposed.RevisionId}/adopt", new AdoptRevision(proposed.Version), Json.Options);

        refused.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var details = await strategy.Details();
        details.RevisionNo.ShouldBe(0);
        details.Document.Objectives.ShouldBeEmpty();
        (await strategy.Staff.PostAsJsonAsync($"{strategy.Url}/revisions/{proposed.RevisionId}/adopt", new AdoptRevision(proposed.Version), Json.Options))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task a_facilitator_is_refused_erasure_and_subject_access_while_the_coordinator_may()
    {
        var workshop = await App.OpenRoundTable();
        var phone = await workshop.JoinPhone();
        await App.Client(phone.AccessToken).SubmitOk(workshop);
        var url = $"/api/cities/{workshop.CityId}/subjects/{phone.ParticipantId}";

        (await workshop.Staff.PostAsJsonAsync($"{url}/erasure", new EraseSubject(ErasureGround.ConsentWithdrawn, true), Json.Options))
            .StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await workshop.Staff.GetAsync($"{url}/data")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        var coordinator = await App.ClientFor("coordinator.cluj");
        (await (await coordinator.GetAsync($"{url}/data")).Read<Api.Features.PersonalData.SubjectAccess.SubjectData>()).Erasure.ShouldBeNull();
        (await coordinator.PostAsJsonAsync($"{url}/erasure", new EraseSubject(ErasureGround.ConsentWithdrawn, true), Json.Options))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task a_facilitator_still_runs_workshops()
    {
        var workshop = await App.OpenRoundTable("facilitator.cluj");
        (await workshop.Board()).Title.ShouldNotBeNullOrEmpty();
    }
}
