using System.Net.Http.Json;
using EPI.Collab.Api.Features.ReferenceData;
using EPI.Collab.Api.Features.Transfer;
using EPI.Collab.Api.Features.Transfer.RegisteringFollowers;
using EPI.Collab.Api.Features.Transfer.Recording;
using EPI.Collab.Tests.Features.Workshops;

namespace EPI.Collab.Tests.Features.Transfer;

/// <summary>Arrange helpers for transfer activities and follower cities, through the public API.</summary>
public static class TransferScenarios
{
    public static RecordTransferActivity Activity(TransferActivityKind kind = TransferActivityKind.ReplicationWorkshop, int audience = 25) =>
        new(kind, new DateOnly(2022, 3, 15), "Turda", audience, [new LocalizedText("en", "Replication workshop: the Intercultural Review")],
            [new Material("Slides", "https://epi-project.com/en/resources/slides.pdf")]);

    public static string ActivitiesUrl(string cityId) => $"/api/cities/{cityId}/transfer/activities";

    public static string FollowersUrl(string cityId) => $"/api/cities/{cityId}/transfer/followers";

    public static Task<HttpResponseMessage> RecordActivity(this HttpClient client, string cityId, object command) =>
        client.PostAsJsonAsync(ActivitiesUrl(cityId), command, Json.Options);

    public static async Task<Guid> RecordActivityOk(this HttpClient client, string cityId = "cluj-napoca", RecordTransferActivity? command = null) =>
        (await (await client.RecordActivity(cityId, command ?? Activity())).Read<Scenarios.Created>()).Value;

    public static RegisterFollowerCity Oradea(Guid? sourceActivityId = null) =>
        new("Oradea", "RO", InterestLevel.Aware, [ReplicationMethod.InterculturalReview], SourceActivityId: sourceActivityId);

    public static Task<HttpResponseMessage> RegisterFollower(this HttpClient client, string cityId, object command) =>
        client.PostAsJsonAsync(FollowersUrl(cityId), command, Json.Options);

    public static async Task<Guid> RegisterFollowerOk(this HttpClient client, string cityId = "cluj-napoca", RegisterFollowerCity? command = null) =>
        (await (await client.RegisterFollower(cityId, command ?? Oradea())).Read<Scenarios.Created>()).Value;
}
