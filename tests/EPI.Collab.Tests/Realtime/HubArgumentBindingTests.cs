using EPI.Collab.Api.Realtime;
using Microsoft.AspNetCore.SignalR;
using EPI.Collab.Tests.Features.Workshops;
using Microsoft.AspNetCore.SignalR.Client;

namespace EPI.Collab.Tests.Realtime;

/// <summary>
/// README, Real time: arguments that do not bind to a hub method's declared types fail before any check with SignalR's
/// own error, and the connection stays usable.
/// </summary>
public class HubArgumentBindingTests(AppFixture app) : IntegrationTest(app)
{
    [Fact]
    public async Task arguments_of_the_wrong_type_or_count_fail_the_call_and_the_connection_goes_on()
    {
        var workshop = await App.OpenRoundTable();
        await using var connection = App.Hub(await App.TokenFor("facilitator.cluj"));
        await connection.StartAsync();

        (string Method, object?[] Arguments)[] broken =
        [
            (nameof(CollabHub.JoinWorkshop), [workshop.CityId, "not-a-uuid"]),
            (nameof(CollabHub.JoinWorkshop), [5, workshop.Id]),
            (nameof(CollabHub.JoinWorkshop), [workshop.CityId]),
            (nameof(CollabHub.FollowCity), [workshop.CityId, workshop.Id]),
            (nameof(CollabHub.CastBallot), [workshop.CityId, workshop.Id, "not-a-uuid", null, null])
        ];
        foreach (var (method, arguments) in broken)
        {
            var failed = await Should.ThrowAsync<HubException>(() => connection.InvokeCoreAsync(method, arguments), $"{method}({arguments.Length})");
            failed.Message.ShouldStartWith($"Failed to invoke '{method}'");
        }

        // Still connected: a well-formed call right after succeeds.
        await connection.InvokeAsync(nameof(CollabHub.JoinWorkshop), workshop.CityId, workshop.Id);
        connection.State.ShouldBe(HubConnectionState.Connected);
    }
}
