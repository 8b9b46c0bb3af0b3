using System.Net;
using System.Net.Http.Json;
using EPI.Collab.Api.Features.Participants;
using EPI.Collab.Api.Features.Participants.Joining;
using EPI.Collab.Api.Features.Workshops;
using EPI.Collab.Api.Features.Workshops.Closing;
using EPI.Collab.Api.Features.Workshops.EndingPhases;
using EPI.Collab.Api.Features.Workshops.ExtendingPhases;
using EPI.Collab.Api.Features.Workshops.ListingWorkshops;
using EPI.Collab.Api.Features.Workshops.Opening;
using EPI.Collab.Api.Features.Workshops.StartingPhases;

namespace EPI.Collab.Tests.Features.Workshops;

public class WorkshopLifecycleTests(AppFixture app) : IntegrationTest(app)
{
    [Fact]
    public async Task opening_gives_a_join_code_without_look_alikes_that_finds_the_workshop()
    {
        var workshop = await App.OpenRoundTable();

        workshop.JoinCode.Length.ShouldBe(6);
        workshop.JoinCode.ShouldAllBe(c => JoinCodes.Alphabet.Contains(c));
        var typed = workshop.JoinCode[..3].ToLowerInvariant() + "-" + workshop.JoinCode[3..];
        var found = await (await App.Client().GetAsync($"/api/join/{typed}")).Read<WorkshopToJoin>();
        found.WorkshopId.ShouldBe(workshop.Id);
        found.CityId.ShouldBe("cluj-napoca");
        (await (await workshop.Staff.GetAsync(workshop.Url)).Read<CityWorkshop>()).Status.ShouldBe(WorkshopStatus.Open);
    }

    [Fact]
    public async Task a_workshop_opens_once()
    {
        var workshop = await App.OpenRoundTable();

        var again = await workshop.Post("/open", new OpenWorkshop(workshop.Version));

        again.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task a_command_on_a_stale_version_is_a_409_and_changes_nothing()
    {
        var workshop = await App.OpenRoundTable();

        var stale = await workshop.Post($"/phases/{workshop.PhaseId(0)}/start", new StartPhase(workshop.Version - 1));

        stale.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        stale.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await workshop.Board()).CurrentPhaseId.ShouldBeNull();
    }

    [Fact]
    public async Task phases_start_extend_and_end_and_starting_the_next_ends_the_running_one()
    {
        var workshop = await App.OpenRoundTable();

        (workshop, var started) = await workshop.Do($"/phases/{workshop.PhaseId(0)}/start", new StartPhase(workshop.Version));
        started.Status.ShouldBe(WorkshopStatus.InProgress);
        var plannedEnd = started.Running!.PlannedEnd;
        (workshop, var extended) = await workshop.Do($"/phases/{workshop.PhaseId(0)}/extend", new ExtendPhase(workshop.Version, 5));
        extended.Running!.PlannedEnd.ShouldBe(plannedEnd.AddMinutes(5));
        (workshop, var next) = await workshop.Do($"/phases/{workshop.PhaseId(1)}/start", new StartPhase(workshop.Version, 12));
        next.Running!.PhaseId.ShouldBe(workshop.PhaseId(1));
        (workshop, var ended) = await workshop.Do($"/phases/{workshop.PhaseId(1)}/end", new EndPhase(workshop.Version));
        ended.Running.ShouldBeNull();

        var board = await workshop.Board();
        board.Agenda[0].EndedAt.ShouldNotBeNull();
        board.Agenda[1].StartedAt.ShouldNotBeNull();
        board.Agenda[1].EndedAt.ShouldNotBeNull();
        board.Agenda[2].StartedAt.ShouldBeNull();
    }

    [Fact]
    public async Task phase_rules_are_enforced()
    {
        var workshop = await App.OpenRoundTable();

        (await workshop.Post($"/phases/{Guid.CreateVersion7()}/start", new StartPhase(workshop.Version)))
            .StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await workshop.Post($"/phases/{workshop.PhaseId(1)}/extend", new ExtendPhase(workshop.Version, 5)))
            .StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await workshop.Post($"/phases/{workshop.PhaseId(0)}/start", new StartPhase(workshop.Version, 0)))
            .StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task closing_releases_the_code_and_refuses_joins()
    {
        var workshop = await App.OpenRoundTable();
        var phone = await workshop.JoinPhone();

        (workshop, var closed) = await workshop.Do("/close", new CloseWorkshop(workshop.Version));

        closed.Status.ShouldBe(WorkshopStatus.Closed);
        (await App.Client().GetAsync($"/api/join/{workshop.JoinCode}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var rejoin = await App.Client(phone.AccessToken).Join(workshop.CityId, workshop.Id,
            new JoinWorkshop(workshop.JoinCode, StakeholderGroup.Resident, "ro"));
        rejoin.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await rejoin.Content.ReadAsStringAsync()).ShouldContain("closed");
        (await workshop.Post("/close", new CloseWorkshop(workshop.Version))).StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task the_qr_code_is_a_png_for_staff_only()
    {
        var workshop = await App.OpenRoundTable();

        var qr = await workshop.Staff.GetAsync(workshop.Url + "/join-qr");
        qr.StatusCode.ShouldBe(HttpStatusCode.OK);
        qr.Content.Headers.ContentType!.MediaType.ShouldBe("image/png");
        (await qr.Content.ReadAsByteArrayAsync())[..4].ShouldBe(new byte[] { 0x89, 0x50, 0x4E, 0x47 });

        var phone = await workshop.JoinPhone();
        (await App.Client(phone.AccessToken).GetAsync(workshop.Url + "/join-qr")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task a_join_code_cannot_be_held_by_two_open_workshops_of_any_cities()
    {
        await using (var cluj = App.Store.LightweightSession("cluj-napoca"))
        {
            cluj.Insert(new OpenJoinCode("ACE347", Guid.CreateVersion7(), "cluj-napoca"));
            await cluj.SaveChangesAsync();
        }

        await using var riga = App.Store.LightweightSession("riga");
        riga.Insert(new OpenJoinCode("ACE347", Guid.CreateVersion7(), "riga"));
        var refused = await Should.ThrowAsync<Exception>(() => riga.SaveChangesAsync());
        EPI.Collab.Api.Infrastructure.ErrorHandling.Classify(refused)!.Value.Status.ShouldBe(409);
    }

    [Fact]
    public async Task staff_of_another_city_cannot_drive_the_workshop()
    {
        var workshop = await App.OpenRoundTable();
        var riga = await App.ClientFor("facilitator.riga");

        var response = await riga.PostAsJsonAsync(workshop.Url + $"/phases/{workshop.PhaseId(0)}/start",
            new StartPhase(workshop.Version), Json.Options);

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }
}
