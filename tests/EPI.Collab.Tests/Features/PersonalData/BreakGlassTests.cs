using System.Net;
using System.Net.Http.Json;
using EPI.Collab.Api.Features.PersonalData;
using EPI.Collab.Api.Features.PersonalData.BreakGlass;
using EPI.Collab.Api.Features.Proposals.GettingDetails;
using EPI.Collab.Tests.Features.Proposals;
using EPI.Collab.Tests.Features.Workshops;

namespace EPI.Collab.Tests.Features.PersonalData;

/// <summary>Auditors read personal texts only under a grant with a purpose; the grant and every read are events.</summary>
public sealed class BreakGlassTests(AppFixture app) : IntegrationTest(app)
{
    [Fact]
    public async Task an_auditor_sees_texts_withheld_until_a_grant_and_every_read_under_it_is_recorded()
    {
        var workshop = await App.OpenRoundTable();
        var phone = await workshop.Phone();
        var proposal = await phone.Client.SubmitOk(workshop, "Evening Romanian classes at the library");
        var auditor = await App.ClientFor("auditor");
        var url = $"{workshop.Url}/proposals/{proposal}";

        (await (await auditor.GetAsync(url)).Read<ProposalDetails>()).Versions.Single().Text.ShouldSatisfyAllConditions(
            t => t!.State.ShouldBe(PersonalTextState.Withheld), t => t!.Text.ShouldBeNull(), t => t!.Sealed.ShouldBeNull());
        var grants = $"/api/cities/{workshop.CityId}/audit/access-grants";
        (await (await auditor.PostAsJsonAsync(grants, new GrantAuditAccess("short"), Json.Options)).Read400()).Errors.Keys.ShouldBe(["purpose"]);
        (await workshop.Staff.PostAsJsonAsync(grants, GrantAuditAccess.Example, Json.Options)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var issued = await (await auditor.PostAsJsonAsync(grants, new GrantAuditAccess("Complaint 2026/041 about rewording", workshop.Id, 15),
            Json.Options)).Read<Envelope>();

        var read = new HttpRequestMessage(HttpMethod.Get, url);
        read.Headers.Add(AuditAccessGrant.Header, issued.Value.GrantId.ToString());
        (await (await auditor.SendAsync(read)).Read<ProposalDetails>()).Versions.Single().Text!.Text.ShouldBe("Evening Romanian classes at the library");

        var listed = await (await workshop.Staff.GetAsync(grants)).Read<List<AuditAccessGrant>>();
        listed.Single().ShouldSatisfyAllConditions(g => g.Accesses.ShouldBe(1), g => g.WorkshopId.ShouldBe(workshop.Id),
            g => g.Purpose.ShouldBe("Complaint 2026/041 about rewording"));
        await using var session = App.Store.QuerySession(workshop.CityId);
        var events = await session.Events.FetchStreamAsync(issued.Value.GrantId);
        events.Select(e => e.Data.GetType()).ShouldBe([typeof(AuditAccessGranted), typeof(PersonalDataAccessed)]);
        ((PersonalDataAccessed)events[1].Data).Resource.ShouldBe(url);

        var other = await App.OpenRoundTable();
        var otherProposal = await (await other.Phone()).Client.SubmitOk(other, "Something else");
        var outside = new HttpRequestMessage(HttpMethod.Get, $"{other.Url}/proposals/{otherProposal}");
        outside.Headers.Add(AuditAccessGrant.Header, issued.Value.GrantId.ToString());
        var refused = await auditor.SendAsync(outside);
        refused.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await refused.Content.ReadAsStringAsync()).ShouldContain("audit-grant-refused");
        (await (await workshop.Staff.GetAsync(url)).Read<ProposalDetails>()).Versions.Single().Text!.State.ShouldBe(PersonalTextState.Revealed);
    }

    private sealed record Envelope(AuditAccessGrantIssued Value, string Url);
}
