using System.Net.Http.Json;
using EPI.Collab.Api.Features.ReferenceData;
using EPI.Collab.Api.Features.Workshops;
using EPI.Collab.Api.Features.Workshops.Scheduling;

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

    public static async Task<Guid> ScheduleOk(this HttpClient client, string cityId, ScheduleWorkshop? command = null)
    {
        var response = await client.Schedule(cityId, command ?? RoundTable());
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<Created>(Json.Options))!.Value;
    }

    public sealed record Created(Guid Value, string Url);
}
