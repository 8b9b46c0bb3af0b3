using System.Net.Http.Json;
using EPI.Collab.Api.Features.ReferenceData;
using EPI.Collab.Api.Features.Workshops;
using EPI.Collab.Api.Features.Participants;
using EPI.Collab.Api.Features.Participants.Joining;
using EPI.Collab.Api.Features.Live;
using EPI.Collab.Api.Features.Workshops.Opening;
using EPI.Collab.Api.Features.Workshops.Scheduling;
using Marten;
using Marten.Events;
using C = EPI.Collab.Client;

namespace EPI.Collab.Tests.Features.Workshops;

/// <summary>Small arrange helpers that go through the public API.</summary>
public static class Scenarios
{
    public static ScheduleWorkshop RoundTable(string title = "Round table 2: co-design solutions") => new(
        WorkshopKind.PolicyDesignRoundTable, title,
        [new LocalizedText("en", "What could the city do in the next 12 months so that newcomers find a first job?")],
        ["en"], DateTimeOffset.UtcNow.AddDays(14), DateTimeOffset.UtcNow.AddDays(14).AddHours(2.5));

    public static Task<HttpResponseMessage> Schedule(this HttpClient client, string cityId, object command) =>
        client.PostAsJsonAsync($"/api/cities/{cityId}/workshops", command, Json.Options);

    public static async Task<Guid> ScheduleOk(this HttpClient client, string cityId, ScheduleWorkshop? command = null) =>
        (await client.Api().ScheduleWorkshopAsync(cityId, Typed.ToClient<C.ScheduleWorkshop>(command ?? RoundTable()))).Value;

    public sealed record Created(Guid Value, string Url);

    public static ScheduleWorkshop RoundTableWithAgenda() => RoundTable() with
    {
        Languages = ["en", "ro"],
        Agenda = [new(PhaseType.Welcome, 8), new(PhaseType.Brainstorm, 10, "Ideas for first jobs"), new(PhaseType.Vote, 10)]
    };

    public static async Task<WorkshopOpenedResponse> Open(this HttpClient staff, string cityId, Guid workshopId, int version = 1) =>
        Typed.ToApi<WorkshopOpenedResponse>(await staff.Api().OpenWorkshopAsync(cityId, workshopId, new C.OpenWorkshop(version)));

    /// <summary>A facilitator of Cluj schedules a round table with an agenda and opens it.</summary>
    public static async Task<LiveWorkshop> OpenRoundTable(this AppFixture app, string facilitator = "facilitator.cluj",
        string cityId = "cluj-napoca")
    {
        var staff = await app.ClientFor(facilitator);
        // A session runs in English and the city's own languages: Romanian only in Cluj-Napoca.
        var id = await staff.ScheduleOk(cityId, RoundTableWithAgenda() with { Languages = cityId == "cluj-napoca" ? ["en", "ro"] : ["en"] });
        var opened = await staff.Open(cityId, id);
        return new LiveWorkshop(app, staff, cityId, id, opened.JoinCode, opened.Version);
    }

    public static Task<HttpResponseMessage> Join(this HttpClient phone, string cityId, Guid workshopId, JoinWorkshop command) =>
        phone.PostAsJsonAsync($"/api/cities/{cityId}/workshops/{workshopId}/participants", command, Json.Options);

    public static async Task<T> Read<T>(this HttpResponseMessage response)
    {
        if (!response.IsSuccessStatusCode)
            throw new HttpRequestException($"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<T>(Json.Options))!;
    }
}

/// <summary>An open workshop and its facilitator, with helpers for the steps of a session.</summary>
public sealed record LiveWorkshop(AppFixture App, HttpClient Staff, string CityId, Guid Id, string JoinCode, int Version)
{
    public string Url => $"/api/cities/{CityId}/workshops/{Id}";

    public Guid PhaseId(int index) => ScheduleWorkshopEndpoint.PhaseId(Id, index);

    public Task<HttpResponseMessage> Post(string path, object command) => Staff.PostAsJsonAsync(Url + path, command, Json.Options);

    public async Task<(LiveWorkshop, Workshop)> Do(string path, object command)
    {
        var workshop = await (await Post(path, command)).Read<Workshop>();
        return (this with { Version = workshop.Version }, workshop);
    }

    public async Task<Joined> JoinPhone(StakeholderGroup group = StakeholderGroup.Resident, string lang = "ro", string? token = null)
    {
        var joined = await App.Client(token).Api().JoinWorkshopAsync(CityId, Id,
            Typed.ToClient<C.JoinWorkshop>(new JoinWorkshop(JoinCode.ToLowerInvariant(), group, lang)));
        return Typed.ToApi<Joined>(joined);
    }

    public async Task<WorkshopBoard> Board()
    {
        await App.RelaySettled();
        return Typed.ToApi<WorkshopBoard>(await Staff.Api().GetWorkshopBoardAsync(CityId, Id));
    }
}
