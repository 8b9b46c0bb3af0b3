using System.Threading.Channels;
using EPI.Collab.Api.Features.Workshops.EndingPhases;
using EPI.Collab.Api.Features.Live;
using EPI.Collab.Api.Features.Workshops.StartingPhases;
using EPI.Collab.Tests.Features.Workshops;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace EPI.Collab.Tests.Realtime;

public class WorkshopFeedTests(AppFixture app) : IntegrationTest(app)
{
    private static readonly TimeSpan PushTimeout = TimeSpan.FromSeconds(15);

    /// <summary>A real SignalR client in a workshop's group, collecting pushed messages.</summary>
    private sealed class Listener(HubConnection connection) : IAsyncDisposable
    {
        private readonly Channel<WorkshopMessage> _messages = Channel.CreateUnbounded<WorkshopMessage>();
        public HubConnection Connection { get; } = connection;

        public static async Task<Listener> Join(AppFixture app, string token, LiveWorkshop workshop)
        {
            var listener = new Listener(app.Hub(token));
            listener.Connection.On<WorkshopMessage>("WorkshopMessage", m => listener._messages.Writer.TryWrite(m));
            await listener.Connection.StartAsync();
            await listener.Connection.InvokeAsync("JoinWorkshop", workshop.CityId, workshop.Id);
            return listener;
        }

        public async Task<WorkshopMessage> Next()
        {
            using var timeout = new CancellationTokenSource(PushTimeout);
            return await _messages.Reader.ReadAsync(timeout.Token);
        }

        public async Task<WorkshopMessage> NextOfType(string type)
        {
            while (true)
                if (await Next() is { } m && m.Type == type) return m;
        }

        public ValueTask DisposeAsync() => Connection.DisposeAsync();
    }

    [Fact]
    public async Task phones_and_facilitator_receive_the_same_messages_with_consecutive_positions()
    {
        var workshop = await App.OpenRoundTable();
        var joined = await workshop.JoinPhone();
        var board = await workshop.Board();
        await using var phone = await Listener.Join(App, joined.AccessToken, workshop);
        await using var facilitator = await Listener.Join(App, await App.TokenFor("facilitator.cluj"), workshop);

        (workshop, _) = await workshop.Do($"/phases/{workshop.PhaseId(0)}/start", new StartPhase(workshop.Version));
        (workshop, _) = await workshop.Do($"/phases/{workshop.PhaseId(1)}/start", new StartPhase(workshop.Version));

        var expected = new[] { "phase.started", "phase.ended", "phase.started" };
        foreach (var listener in new[] { phone, facilitator })
        {
            var received = new List<WorkshopMessage>();
            for (var i = 0; i < expected.Length; i++) received.Add(await listener.Next());
            received.Select(m => m.Type).ShouldBe(expected);
            received.Select(m => m.Position).ShouldBe([board.Position + 1, board.Position + 2, board.Position + 3]);
        }
    }

    [Fact]
    public async Task the_stored_feed_and_the_push_use_the_same_json()
    {
        var workshop = await App.OpenRoundTable();
        await using var listener = await Listener.Join(App, await App.TokenFor("facilitator.cluj"), workshop);
        (workshop, _) = await workshop.Do($"/phases/{workshop.PhaseId(0)}/start", new StartPhase(workshop.Version));
        var pushed = await listener.NextOfType("phase.started");

        var stored = await (await workshop.Staff.GetAsync($"{workshop.Url}/feed")).Read<List<WorkshopMessage>>();

        var opened = stored.First(m => m.Type == "workshop.opened");
        ((System.Text.Json.JsonElement)opened.Data).GetProperty("status").GetString().ShouldBe("OPEN");
        System.Text.Json.Nodes.JsonNode.DeepEquals(
            System.Text.Json.Nodes.JsonNode.Parse(stored.Single(m => m.Position == pushed.Position).Data.ToString()!),
            System.Text.Json.Nodes.JsonNode.Parse(pushed.Data.ToString()!)).ShouldBeTrue();
    }

    [Fact]
    public async Task a_participant_of_one_workshop_cannot_listen_to_another()
    {
        var mine = await App.OpenRoundTable();
        var other = await App.OpenRoundTable();
        var joined = await mine.JoinPhone();
        await using var connection = App.Hub(joined.AccessToken);
        await connection.StartAsync();

        var refused = await Should.ThrowAsync<HubException>(() => connection.InvokeAsync("JoinWorkshop", other.CityId, other.Id));

        refused.Message.ShouldContain("403");
    }

    [Fact]
    public async Task a_reconnecting_client_catches_up_from_the_feed_with_no_gap_and_no_repeat()
    {
        var workshop = await App.OpenRoundTable();
        var joined = await workshop.JoinPhone();
        var phoneHttp = App.Client(joined.AccessToken);
        await workshop.Board();

        var seen = new List<long>();
        await using (var phone = await Listener.Join(App, joined.AccessToken, workshop))
        {
            (workshop, _) = await workshop.Do($"/phases/{workshop.PhaseId(0)}/start", new StartPhase(workshop.Version));
            seen.Add((await phone.NextOfType("phase.started")).Position);
        }

        // While the phone is away, the session goes on.
        (workshop, _) = await workshop.Do($"/phases/{workshop.PhaseId(0)}/end", new EndPhase(workshop.Version));
        (workshop, _) = await workshop.Do($"/phases/{workshop.PhaseId(2)}/start", new StartPhase(workshop.Version));
        var board = await workshop.Board();

        await using var back = await Listener.Join(App, joined.AccessToken, workshop);
        var missed = await (await phoneHttp.GetAsync($"{workshop.Url}/feed?after={seen.Max()}")).Read<List<WorkshopMessage>>();

        missed.Select(m => m.Type).ShouldBe(["phase.ended", "phase.started"]);
        seen.Concat(missed.Select(m => m.Position)).ShouldBe(Enumerable.Range((int)seen[0], 3).Select(p => (long)p));
        missed[^1].Position.ShouldBe(board.Position);

        var full = await (await phoneHttp.GetAsync($"{workshop.Url}/feed")).Read<List<WorkshopMessage>>();
        full.Select(m => m.Position).ShouldBe(Enumerable.Range(1, (int)board.Position).Select(p => (long)p));
    }

    [Fact]
    public async Task many_joins_become_one_participant_count_message_per_batch()
    {
        var workshop = await App.OpenRoundTable();
        await using var projector = await Listener.Join(App, await App.TokenFor("facilitator.cluj"), workshop);

        await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => workshop.JoinPhone()));
        var board = await workshop.Board();

        board.ParticipantCount.ShouldBe(20);
        var full = await (await workshop.Staff.GetAsync($"{workshop.Url}/feed")).Read<List<WorkshopMessage>>();
        full.Count(m => m.Type == "participants.counted").ShouldBeLessThan(20);
        full.Last(m => m.Type == "participants.counted").Data.ToString()!.ShouldContain("20");
    }
}
