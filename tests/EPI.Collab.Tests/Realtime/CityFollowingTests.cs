using EPI.Collab.Api.Features.Workshops.ListingWorkshops;
using EPI.Collab.Tests.Features.Workshops;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using EPI.Collab.Api.Features.Live;

namespace EPI.Collab.Tests.Realtime;

public class CityFollowingTests(AppFixture app) : IntegrationTest(app)
{
    private static readonly TimeSpan PushTimeout = TimeSpan.FromSeconds(15);

    private async Task<(HubConnection Connection, Func<Task<CityWorkshop>> Next)> Follow(string username, string cityId)
    {
        var connection = App.Hub(await App.TokenFor(username));
        var pushes = System.Threading.Channels.Channel.CreateUnbounded<CityWorkshop>();
        connection.On<CityWorkshop>("WorkshopScheduled", w => pushes.Writer.TryWrite(w));
        await connection.StartAsync();
        await connection.InvokeAsync("FollowCity", cityId);
        return (connection, async () =>
        {
            using var timeout = new CancellationTokenSource(PushTimeout);
            return await pushes.Reader.ReadAsync(timeout.Token);
        });
    }

    [Fact]
    public async Task a_scheduled_workshop_is_pushed_to_clients_following_its_city()
    {
        var (connection, next) = await Follow("coordinator.cluj", "cluj-napoca");
        await using var _ = connection;

        var id = await (await App.ClientFor("facilitator.cluj")).ScheduleOk("cluj-napoca", Scenarios.RoundTable("Live RT"));

        var pushed = await next();
        pushed.Id.ShouldBe(id);
        pushed.Title.ShouldBe("Live RT");
        pushed.CityId.ShouldBe("cluj-napoca");
    }

    [Fact]
    public async Task a_follower_of_one_city_does_not_receive_another_citys_workshops()
    {
        var (connection, next) = await Follow("facilitator.riga", "riga");
        await using var _ = connection;

        await (await App.ClientFor("facilitator.cluj")).ScheduleOk("cluj-napoca");
        var rigaId = await (await App.ClientFor("facilitator.riga")).ScheduleOk("riga");

        // The relay pushes in commit order, so Cluj's workshop would have arrived first.
        (await next()).Id.ShouldBe(rigaId);
    }

    [Fact]
    public async Task city_messages_carry_consecutive_positions_and_the_stored_feed_repeats_them()
    {
        await using var connection = App.Hub(await App.TokenFor("auditor"));
        var messages = System.Threading.Channels.Channel.CreateUnbounded<EPI.Collab.Api.Features.Live.CityMessage>();
        connection.On<EPI.Collab.Api.Features.Live.CityMessage>("CityMessage", m => messages.Writer.TryWrite(m));
        await connection.StartAsync();
        await connection.InvokeAsync("FollowCity", "ravenna");
        var staff = await App.ClientFor("admin");

        await staff.ScheduleOk("ravenna");
        await staff.ScheduleOk("ravenna");

        using var timeout = new CancellationTokenSource(PushTimeout);
        var pushed = new[] { await messages.Reader.ReadAsync(timeout.Token), await messages.Reader.ReadAsync(timeout.Token) };
        pushed.Select(m => m.Type).ShouldBe(["workshop-scheduled", "workshop-scheduled"]);
        pushed.Select(m => m.Position).ShouldBe([1L, 2L]);
        var stored = await (await staff.GetAsync("/api/cities/ravenna/feed?after=1")).Read<List<EPI.Collab.Api.Features.Live.CityMessage>>();
        stored.Select(m => m.Position).ShouldBe([2L]);
        (await (await App.ClientFor("facilitator.riga")).GetAsync("/api/cities/ravenna/feed")).StatusCode
            .ShouldBe(System.Net.HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task a_city_process_event_reaches_the_followers_of_that_city()
    {
        await using var connection = App.Hub(await App.TokenFor("coordinator.cluj"));
        var messages = System.Threading.Channels.Channel.CreateUnbounded<EPI.Collab.Api.Features.Live.CityMessage>();
        connection.On<EPI.Collab.Api.Features.Live.CityMessage>("CityMessage", m => messages.Writer.TryWrite(m));
        await connection.StartAsync();
        await connection.InvokeAsync("FollowCity", "cluj-napoca");

        var id = await EPI.Collab.Tests.Features.Organisations.OrganisationScenarios.RegisterOrganisationOk(await App.ClientFor("coordinator.cluj"));

        using var timeout = new CancellationTokenSource(PushTimeout);
        var message = await messages.Reader.ReadAsync(timeout.Token);
        message.Type.ShouldBe("organisation-registered");
        message.Data.ToString()!.ShouldContain(id.ToString());
    }

    [Fact]
    public async Task a_decision_recorded_in_a_workshop_reaches_the_followers_of_its_city_by_ids_only()
    {
        await using var connection = App.Hub(await App.TokenFor("coordinator.cluj"));
        var messages = System.Threading.Channels.Channel.CreateUnbounded<EPI.Collab.Api.Features.Live.CityMessage>();
        connection.On<EPI.Collab.Api.Features.Live.CityMessage>("CityMessage", m => messages.Writer.TryWrite(m));
        await connection.StartAsync();
        await connection.InvokeAsync("FollowCity", "cluj-napoca");

        var decision = await EPI.Collab.Tests.Features.Strategies.RecordedDecision.Record(App);

        using var timeout = new CancellationTokenSource(PushTimeout);
        EPI.Collab.Api.Features.Live.CityMessage message;
        do message = await messages.Reader.ReadAsync(timeout.Token); while (message.Type != "city-decision-recorded");
        var data = System.Text.Json.JsonSerializer.Deserialize<System.Text.Json.JsonElement>(message.Data.ToString()!);
        data.EnumerateObject().Select(p => p.Name).ShouldBe(["cityId", "decisionId", "workshopId"], ignoreOrder: true);
        data.GetProperty("decisionId").GetGuid().ShouldBe(decision.DecisionId);
        data.GetProperty("workshopId").GetGuid().ShouldBe(decision.Room.Workshop.Id);
        data.GetProperty("cityId").GetString().ShouldBe("cluj-napoca");
        var stored = await (await (await App.ClientFor("coordinator.cluj")).GetAsync("/api/cities/cluj-napoca/feed"))
            .Read<List<EPI.Collab.Api.Features.Live.CityMessage>>();
        stored.Count(m => m.Type == "city-decision-recorded").ShouldBe(1);
    }

    [Fact]
    public async Task following_another_city_is_refused()
    {
        await using var connection = App.Hub(await App.TokenFor("facilitator.cluj"));
        await connection.StartAsync();

        var refused = await Should.ThrowAsync<HubException>(() => connection.InvokeAsync("FollowCity", "riga"));

        refused.Message.ShouldContain("403");
    }

    [Fact]
    public async Task connecting_without_a_token_is_refused()
    {
        await using var connection = App.Hub(token: null);

        var refused = await Should.ThrowAsync<Exception>(() => connection.StartAsync());

        refused.Message.ShouldContain("401");
    }
}
