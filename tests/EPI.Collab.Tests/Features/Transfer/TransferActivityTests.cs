using System.Net;
using System.Net.Http.Json;
using EPI.Collab.Api.Features.Live;
using EPI.Collab.Api.Features.Transfer;
using Microsoft.AspNetCore.SignalR.Client;
using EPI.Collab.Api.Features.Transfer.Correcting;
using EPI.Collab.Api.Features.Transfer.GettingProgress;
using EPI.Collab.Tests.Features.Workshops;

namespace EPI.Collab.Tests.Features.Transfer;

public class TransferActivityTests(AppFixture app) : IntegrationTest(app)
{
    private const string Cluj = "cluj-napoca";

    private static string CorrectUrl(Guid id) => $"{TransferScenarios.ActivitiesUrl(Cluj)}/{id}/correct";

    [Fact]
    public async Task staff_record_and_correct_activities_and_observers_list_them_by_date()
    {
        var staff = await App.ClientFor("coordinator.cluj");
        var workshop = await staff.RecordActivityOk();
        var conference = await staff.RecordActivityOk(Cluj, TransferScenarios.Activity(TransferActivityKind.NationalConference, 120) with
            { Date = new DateOnly(2022, 1, 20) });

        var corrected = await (await staff.PostAsJsonAsync(CorrectUrl(workshop), CorrectTransferActivity.Example with
            { Kind = TransferActivityKind.ReplicationWorkshop, AudienceCount = 31 }, Json.Options)).Read<TransferActivity>();

        corrected.ShouldSatisfyAllConditions(a => a.Version.ShouldBe(2), a => a.AudienceCount.ShouldBe(31));
        var observer = await App.ClientFor("observer");
        var json = await (await observer.GetAsync(TransferScenarios.ActivitiesUrl(Cluj))).Content.ReadAsStringAsync();
        json.ShouldContain("\"kind\":\"NATIONAL_CONFERENCE\"");
        (await (await observer.GetAsync(TransferScenarios.ActivitiesUrl(Cluj))).Read<List<TransferActivity>>()).Select(a => a.Id)
            .ShouldBe([conference, workshop]);
    }

    [Fact]
    public async Task progress_counts_activities_against_the_epi_targets()
    {
        var staff = await App.ClientFor("coordinator.cluj");
        await staff.RecordActivityOk(Cluj, TransferScenarios.Activity(TransferActivityKind.NationalConference, 120));
        for (var i = 0; i < 4; i++) await staff.RecordActivityOk();
        await staff.RecordActivityOk(Cluj, TransferScenarios.Activity(TransferActivityKind.Newsletter, 900));

        var progress = await (await (await App.ClientFor("observer")).GetAsync($"/api/cities/{Cluj}/transfer/progress")).Read<TransferProgress>();

        progress.Targets.ShouldBe([
            new TargetProgress(TransferActivityKind.NationalConference, 1, 1, true, 120),
            new TargetProgress(TransferActivityKind.ReplicationWorkshop, 4, 4, true, 100),
            new TargetProgress(TransferActivityKind.EuConference, 0, 1, false, 0)]);
        progress.Other.ShouldBe([new KindCount(TransferActivityKind.Newsletter, 1)]);
    }

    [Fact]
    public async Task other_cities_staff_may_not_record_and_a_stale_correction_is_a_409()
    {
        var staff = await App.ClientFor("coordinator.cluj");
        var id = await staff.RecordActivityOk();

        (await (await App.ClientFor("coordinator.riga")).RecordActivity(Cluj, TransferScenarios.Activity())).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await (await App.ClientFor("observer")).RecordActivity(Cluj, TransferScenarios.Activity())).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await staff.PostAsJsonAsync(CorrectUrl(id), CorrectTransferActivity.Example, Json.Options)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await staff.PostAsJsonAsync(CorrectUrl(id), CorrectTransferActivity.Example with { AudienceCount = 1 }, Json.Options))
            .StatusCode.ShouldBe(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task a_recorded_activity_is_pushed_to_those_following_the_city()
    {
        await using var connection = App.Hub(await App.TokenFor("auditor"));
        var messages = System.Threading.Channels.Channel.CreateUnbounded<CityMessage>();
        connection.On<CityMessage>("CityMessage", m => messages.Writer.TryWrite(m));
        await connection.StartAsync();
        await connection.InvokeAsync("FollowCity", Cluj);

        await (await App.ClientFor("coordinator.cluj")).RecordActivityOk();

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        (await messages.Reader.ReadAsync(timeout.Token)).Type.ShouldBe("transfer-activity-recorded");
    }

    [Fact]
    public async Task an_invalid_activity_is_a_400_naming_the_field()
    {
        var response = await (await App.ClientFor("coordinator.cluj")).RecordActivity(Cluj,
            new { kind = "PODCAST", date = "2022-03-01", location = "Turda", audienceCount = 10, title = new[] { new { lang = "en", text = "x" } } });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }
}
