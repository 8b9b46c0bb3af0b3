using System.Reflection;
using EPI.Collab.Api.Realtime;
using EPI.Collab.Tests.Features.Workshops;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using EPI.Collab.Api.Features.Live;

namespace EPI.Collab.Tests.Security;

/// <summary>
/// Every public hub method × every caller kind × own/foreign/unknown city and own/other/foreign/unknown workshop,
/// generated from the hub's methods by reflection: the expected answer comes from the table below (a hub method
/// without a rule fails the test), and each cell is a real SignalR invocation with a real token.
/// </summary>
public sealed class HubAuthorizationMatrixTests(AppFixture app) : IntegrationTest(app)
{
    private const string Own = "cluj-napoca", Foreign = "riga", Unknown = "atlantis";

    public enum Who { Admin, Coordinator, Facilitator, Auditor, Observer, Participant, OtherParticipant }

    /// <summary>A city and workshop named by a call; <paramref name="WorkshopInCity"/> says whether the workshop belongs to that city.</summary>
    public sealed record Target(string Label, string City, Guid Workshop, bool WorkshopInCity, Guid? ParticipantWorkshop);

    private static bool Registered(Target t) => t.City != Unknown;

    /// <summary>City readers: admins and auditors everywhere, coordinators and facilitators in their own city (as <c>city-reader</c>).</summary>
    private static bool CityReader(Who who, Target t) => who is Who.Admin or Who.Auditor || (who is Who.Coordinator or Who.Facilitator && t.City == Own);

    /// <summary>City staff (who run workshops): admins everywhere, coordinators and facilitators in their own city (as <c>city-staff</c>).</summary>
    private static bool CityStaff(Who who, Target t) => who == Who.Admin || (who is Who.Coordinator or Who.Facilitator && t.City == Own);

    /// <summary>Workshop members: city readers, and a participant in the city and workshop of its token (as <c>workshop-member</c>).</summary>
    private static bool WorkshopMember(Who who, Target t, Guid mine, Guid other) => CityReader(who, t)
        || (who == Who.Participant && t.City == Own && t.Workshop == mine)
        || (who == Who.OtherParticipant && t.City == Own && t.Workshop == other);

    /// <summary>Expected answer of each hub method: "ok", "403" or "404". A hub method missing here fails the test.</summary>
    private static string Expected(string method, Who who, Target t, Guid mine, Guid other) => method switch
    {
        nameof(CollabHub.FollowCity) => !Registered(t) ? "404" : !CityReader(who, t) ? "403" : "ok",
        // CastBallot: past these checks its rule refusals (not a participant, no such round) are results, not exceptions.
        nameof(CollabHub.JoinWorkshop) or nameof(CollabHub.CastBallot) => !Registered(t) ? "404" : !WorkshopMember(who, t, mine, other) ? "403" : !t.WorkshopInCity ? "404" : "ok",
        nameof(CollabHub.WatchAdmission) => !Registered(t) ? "404" : !CityStaff(who, t) ? "403" : !t.WorkshopInCity ? "404" : "ok",
        nameof(CollabHub.UnfollowCity) or nameof(CollabHub.LeaveWorkshop) => "ok",
        _ => throw new InvalidOperationException($"Hub method '{method}' has no rule in the hub authorization matrix: add one.")
    };

    private static IEnumerable<MethodInfo> HubMethods() =>
        typeof(CollabHub).GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly).Where(m => !m.IsSpecialName);

    [Fact]
    public async Task every_hub_method_answers_every_caller_for_every_city_and_workshop_as_its_rule_says()
    {
        var mine = await App.OpenRoundTable();
        var other = await App.OpenRoundTable();
        var riga = await App.OpenRoundTable("facilitator.riga", Foreign);
        var tokens = new Dictionary<Who, string>
        {
            [Who.Admin] = await App.TokenFor("admin"), [Who.Coordinator] = await App.TokenFor("coordinator.cluj"),
            [Who.Facilitator] = await App.TokenFor("facilitator.cluj"), [Who.Auditor] = await App.TokenFor("auditor"),
            [Who.Observer] = await App.TokenFor("observer"), [Who.Participant] = (await mine.JoinPhone()).AccessToken,
            [Who.OtherParticipant] = (await other.JoinPhone()).AccessToken
        };
        Target[] targets =
        [
            new("own city, own workshop", Own, mine.Id, true, null),
            new("own city, other workshop", Own, other.Id, true, null),
            new("foreign city, its workshop", Foreign, riga.Id, true, null),
            new("foreign city, a workshop of the own city", Foreign, mine.Id, false, null),
            new("own city, a workshop of the foreign city", Own, riga.Id, false, null),
            new("own city, unknown workshop", Own, Guid.CreateVersion7(), false, null),
            new("unknown city", Unknown, Guid.CreateVersion7(), false, null)
        ];

        var methods = HubMethods().ToList();
        methods.Select(m => m.Name).ShouldBe([nameof(CollabHub.FollowCity), nameof(CollabHub.UnfollowCity), nameof(CollabHub.JoinWorkshop),
            nameof(CollabHub.LeaveWorkshop), nameof(CollabHub.WatchAdmission), nameof(CollabHub.CastBallot)], ignoreOrder: true);
        var wrong = new List<string>();
        var cells = 0;
        foreach (var (who, token) in tokens)
        {
            await using var connection = App.Hub(token);
            await connection.StartAsync();
            foreach (var method in methods)
            foreach (var target in targets)
            {
                var arguments = method.GetParameters().Select(p => p.Name switch
                {
                    "cityId" => (object)target.City,
                    "workshopId" => target.Workshop,
                    "roundId" => Guid.CreateVersion7(),
                    "ballot" => EPI.Collab.Api.Features.Voting.Casting.CastBallot.Example,
                    "idempotencyKey" => null,
                    _ => throw new InvalidOperationException($"Hub method {method.Name}: no value for parameter '{p.Name}' in the matrix: add one.")
                }).ToArray();
                var expected = Expected(method.Name, who, target, mine.Id, other.Id);
                string actual;
                try
                {
                    await connection.InvokeCoreAsync(method.Name, arguments);
                    actual = "ok";
                }
                catch (HubException e)
                {
                    actual = e.Message.Contains("403:") ? "403" : e.Message.Contains("404:") ? "404" : e.Message;
                }
                cells++;
                if (actual != expected) wrong.Add($"{method.Name} as {who} ({target.Label}): {actual}, expected {expected}");
            }
        }
        Console.WriteLine($"figure: hub authorization matrix: {methods.Count} hub methods × {tokens.Count + 1} callers × {targets.Length} targets = {cells} cells");
        wrong.ShouldBeEmpty();
        cells.ShouldBe(methods.Count * tokens.Count * targets.Length);
    }

    [Fact]
    public async Task an_anonymous_caller_cannot_connect_to_the_hub()
    {
        await using var connection = App.Hub(null);
        // The WebSocket upgrade is refused: "The server returned status code '401' when status code '101' was expected."
        var refused = await Should.ThrowAsync<System.Net.WebSockets.WebSocketException>(() => connection.StartAsync());
        refused.Message.ShouldContain("'401'");
    }

    [Fact]
    public async Task rigas_facilitator_cannot_join_a_cluj_workshop_by_naming_riga_and_hears_nothing_from_it()
    {
        var cluj = await App.OpenRoundTable();
        await using var connection = App.Hub(await App.TokenFor("facilitator.riga"));
        var heard = new List<object>();
        connection.On<object>(nameof(ICollabClient.WorkshopMessage), heard.Add);
        await connection.StartAsync();

        var refused = await Should.ThrowAsync<HubException>(() => connection.InvokeAsync(nameof(CollabHub.JoinWorkshop), Foreign, cluj.Id));
        refused.Message.ShouldContain("404");

        // Positive control: Cluj's facilitator, joined the right way, hears the join message.
        await using var control = App.Hub(await App.TokenFor("facilitator.cluj"));
        var controlHeard = new TaskCompletionSource();
        control.On<object>(nameof(ICollabClient.WorkshopMessage), _ => controlHeard.TrySetResult());
        await control.StartAsync();
        await control.InvokeAsync(nameof(CollabHub.JoinWorkshop), cluj.CityId, cluj.Id);

        await cluj.JoinPhone(); // a message on the Cluj workshop's feed
        await controlHeard.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await App.RelaySettled();
        // Round trip on the same connection: a push sent before this answer would have arrived before it.
        await connection.InvokeAsync(nameof(CollabHub.LeaveWorkshop), cluj.Id);
        heard.ShouldBeEmpty();
    }
}
