using System.Net;
using System.Net.Http.Json;
using System.Text;
using EPI.Collab.Api.Features.Voting;
using EPI.Collab.Api.Features.Workshops;
using EPI.Collab.Api.Features.Workshops.ExtendingPhases;
using EPI.Collab.Api.Features.Workshops.ListingWorkshops;
using EPI.Collab.Api.Features.Workshops.StartingPhases;
using EPI.Collab.Api.Features.Organisations;
using EPI.Collab.Tests.Features.Organisations;
using EPI.Collab.Tests.Features.Voting;
using EPI.Collab.Tests.Features.Workshops;
using Marten;

namespace EPI.Collab.Tests.Infrastructure;

/// <summary>Versions a client can read (body and ETag) and send back (body <c>version</c> or <c>If-Match</c>).</summary>
public sealed class VersionsTests(AppFixture app) : IntegrationTest(app)
{
    private static StringContent Body(string json) => new(json, Encoding.UTF8, "application/json");

    private static async Task<HttpResponseMessage> Send(HttpClient client, string url, string json, string? ifMatch = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = Body(json) };
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return await client.SendAsync(request);
    }

    private static async Task<(CityWorkshop Workshop, string? ETag)> Read(LiveWorkshop w)
    {
        var response = await w.Staff.GetAsync(w.Url);
        return (await response.Read<CityWorkshop>(), response.Headers.ETag?.ToString());
    }

    private async Task<long> EventCount()
    {
        await using var session = App.Store.QuerySession();
        return (await session.AdvancedSql.QueryAsync<long>("select count(*) from epi.mt_events", CancellationToken.None)).Single();
    }

    [Fact]
    public async Task the_workshop_read_after_a_phase_is_extended_or_ended_gives_the_version_the_next_command_needs()
    {
        var w = await App.OpenRoundTable();
        (w, _) = await w.Do($"/phases/{w.PhaseId(0)}/start", new StartPhase(w.Version));
        await w.Do($"/phases/{w.PhaseId(0)}/extend", new ExtendPhase(w.Version, 5));

        var (afterExtend, etag) = await Read(w);
        etag.ShouldBe($"\"{afterExtend.Version}\"");
        (await w.Post($"/phases/{w.PhaseId(0)}/end", new { version = afterExtend.Version })).StatusCode.ShouldBe(HttpStatusCode.OK);

        var (afterEnd, _) = await Read(w);
        (await w.Post("/close", new { version = afterEnd.Version })).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Read(w)).Workshop.Version.ShouldBe(afterEnd.Version + 1);
    }

    [Fact]
    public async Task if_match_stands_in_for_the_body_version()
    {
        var w = await App.OpenRoundTable();
        var (_, etag) = await Read(w);

        var started = await Send(w.Staff, $"{w.Url}/phases/{w.PhaseId(0)}/start", "{}", etag);

        started.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await started.Read<Workshop>()).Status.ShouldBe(WorkshopStatus.InProgress);
        (await Read(w)).ETag.ShouldNotBe(etag);
    }

    [Fact]
    public async Task if_match_and_a_body_version_that_agree_are_accepted()
    {
        var w = await App.OpenRoundTable();
        var (workshop, etag) = await Read(w);

        (await Send(w.Staff, $"{w.Url}/phases/{w.PhaseId(0)}/start", $"{{\"version\":{workshop.Version}}}", etag)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task a_stale_if_match_is_412_and_changes_nothing()
    {
        var w = await App.OpenRoundTable();
        var (workshop, _) = await Read(w);
        var before = await EventCount();

        var refused = await Send(w.Staff, $"{w.Url}/phases/{w.PhaseId(0)}/start", "{}", $"\"{workshop.Version - 1}\"");

        refused.StatusCode.ShouldBe(HttpStatusCode.PreconditionFailed);
        refused.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await EventCount()).ShouldBe(before);
    }

    [Fact]
    public async Task a_stale_body_version_stays_409()
    {
        var w = await App.OpenRoundTable();
        var (workshop, _) = await Read(w);

        (await Send(w.Staff, $"{w.Url}/phases/{w.PhaseId(0)}/start", $"{{\"version\":{workshop.Version - 1}}}")).StatusCode
            .ShouldBe(HttpStatusCode.Conflict);
    }

    [Theory]
    [InlineData("disagreeing body", "{\"version\":1}", "\"2\"")]
    [InlineData("weak tag", "{}", "W/\"2\"")]
    [InlineData("unquoted", "{}", "2")]
    [InlineData("any", "{}", "*")]
    [InlineData("list", "{}", "\"2\", \"3\"")]
    [InlineData("negative", "{}", "\"-1\"")]
    public async Task an_unusable_if_match_is_400_and_changes_nothing(string why, string body, string ifMatch)
    {
        var w = await App.OpenRoundTable();
        var before = await EventCount();

        var refused = await Send(w.Staff, $"{w.Url}/phases/{w.PhaseId(0)}/start", body, ifMatch);

        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest, why);
        refused.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await EventCount()).ShouldBe(before);
    }

    [Fact]
    public async Task a_round_returns_its_version_and_etag_and_closes_with_if_match()
    {
        var room = await VotingRoom.Open(App, new RoundRules(VotingMethod.Approval, ResultsVisibility.Live, false, false));
        var staff = room.Workshop.Staff;

        var read = await staff.GetAsync(room.RoundUrl);
        var round = await read.Read<VotingRound>();
        round.Version.ShouldBe(1);
        read.Headers.ETag!.ToString().ShouldBe("\"1\"");

        (await Send(staff, $"{room.RoundUrl}/close", "{}", read.Headers.ETag.ToString())).StatusCode.ShouldBe(HttpStatusCode.OK);
        var closed = await staff.GetAsync(room.RoundUrl);
        (await closed.Read<VotingRound>()).Status.ShouldBe(RoundStatus.Closed);
        closed.Headers.ETag!.ToString().ShouldBe("\"2\"");
    }

    [Fact]
    public async Task a_round_of_another_workshop_is_not_found()
    {
        var room = await VotingRoom.Open(App, new RoundRules(VotingMethod.Approval, ResultsVisibility.Live, false, false));
        var other = await App.OpenRoundTable();

        (await other.Staff.GetAsync($"{other.Url}/rounds/{room.Round.RoundId}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task an_organisation_returns_its_version_as_etag_and_is_revised_with_if_match()
    {
        var coordinator = await App.ClientFor("coordinator.cluj");
        var id = await coordinator.RegisterOrganisationOk();
        var url = $"{OrganisationScenarios.OrganisationsUrl("cluj-napoca")}/{id}";

        var read = await coordinator.GetAsync(url);
        var organisation = await read.Read<Organisation>();
        read.Headers.ETag!.ToString().ShouldBe($"\"{organisation.Version}\"");

        var revised = await Send(coordinator, $"{url}/revise",
            "{\"name\":\"AJOFM Cluj\",\"type\":\"PUBLIC_EMPLOYMENT_SERVICE\",\"level\":\"REGIONAL\",\"isProjectPartner\":false}",
            read.Headers.ETag.ToString());
        revised.StatusCode.ShouldBe(HttpStatusCode.OK, await revised.Content.ReadAsStringAsync());
        var again = await coordinator.GetAsync(url);
        (await again.Read<Organisation>()).Name.ShouldBe("AJOFM Cluj");
        again.Headers.ETag!.ToString().ShouldBe($"\"{organisation.Version + 1}\"");
    }
}
