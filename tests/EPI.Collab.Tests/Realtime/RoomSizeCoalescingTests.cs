using System.Collections.Concurrent;
using System.Text.Json;
using EPI.Collab.Api.Features.Live;
using EPI.Collab.Api.Features.Voting;
using EPI.Collab.Api.Features.Voting.Counting;
using EPI.Collab.Tests.Features.Voting;
using Microsoft.AspNetCore.SignalR.Client;

namespace EPI.Collab.Tests.Realtime;

/// <summary>
/// A host of its own whose relay coalesces every 50 ms and sends at most 8 messages of a kind a second to a room, fewer to a
/// room of more than 2 participants.
/// </summary>
public sealed class RoomSizeFixture : AppFixture
{
    public const int CoalesceMilliseconds = 50, PushesPerSecond = 8, LargeRoomParticipants = 2;

    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["RateLimits:Enabled"] = "false",
        ["Realtime:CoalesceMilliseconds"] = $"{CoalesceMilliseconds}",
        ["Realtime:PushesPerSecond"] = $"{PushesPerSecond}",
        ["Realtime:LargeRoomParticipants"] = $"{LargeRoomParticipants}"
    };
}

/// <summary>
/// A large room's tallies come less often (issue #15: a tally to thousands of phones is a write to each connection): a
/// workshop's coalescing interval is max(Realtime:CoalesceMilliseconds, participants ÷ budget), the budget Realtime:PushesPerSecond,
/// × Realtime:LargeRoomParticipants ÷ participants beyond that. Here, scaled down: 4 participants, a large room, at 8 × 2 ÷ 4 = 4
/// a second get a tally at most once a second (every 500 ms without the large-room rule), a room of 1 every 125 ms, and when
/// the ballots stop the last tally still counts every ballot.
/// </summary>
public sealed class RoomSizeCoalescingTests(RoomSizeFixture app) : IClassFixture<RoomSizeFixture>
{
    private static RoundRules Approval => new(VotingMethod.Approval, ResultsVisibility.Live, BallotsChangeable: true, Secret: false);

    [Fact]
    public async Task a_larger_room_gets_its_tallies_less_often_and_the_last_one_counts_every_ballot()
    {
        await app.ResetAsync();
        var large = await VotingRoom.Open(app, Approval);
        var small = await VotingRoom.Open(app, Approval);
        var largePhones = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => large.Phone()));
        var smallPhone = await small.Phone();
        var participants = new Dictionary<Guid, int>
        {
            [large.Workshop.Id] = (await large.Workshop.Board()).ParticipantCount,
            [small.Workshop.Id] = (await small.Workshop.Board()).ParticipantCount
        };
        participants[large.Workshop.Id].ShouldBe(4);
        participants[small.Workshop.Id].ShouldBe(1);

        var tallies = new ConcurrentQueue<(Guid Workshop, DateTimeOffset At, RoundResults Results)>();
        await using var projector = app.Hub(await app.TokenFor("facilitator.cluj"));
        projector.On<WorkshopMessage>("WorkshopMessage", m =>
        {
            if (m.Type == "round.tallied")
                tallies.Enqueue((m.WorkshopId, m.At, ((JsonElement)m.Data).Deserialize<RoundResults>(Json.Options)!));
        });
        await projector.StartAsync();
        await projector.InvokeAsync("JoinWorkshop", large.Workshop.CityId, large.Workshop.Id);
        await projector.InvokeAsync("JoinWorkshop", small.Workshop.CityId, small.Workshop.Id);

        // Every phone changes its ballot again and again for 3 seconds.
        var until = DateTime.UtcNow.AddSeconds(3);
        await Task.WhenAll(largePhones.Append(smallPhone).Select((phone, i) => Task.Run(async () =>
        {
            for (var n = 0; DateTime.UtcNow < until; n++)
                await phone.VoteOk(new BallotMark(phone.Room.Option((i + n) % 3), 1));
        })));
        // The relay owes nothing once it has sent the last tally of each room (the large room's after its interval); the
        // projector has it once the room's latest tally counts what the results count.
        await app.RelaySettled();
        var final = new Dictionary<Guid, RoundResults>
        {
            [large.Workshop.Id] = await large.ResultsOk(),
            [small.Workshop.Id] = await small.ResultsOk()
        };
        bool Arrived(Guid workshop) => tallies.Where(t => t.Workshop == workshop).OrderBy(t => t.At).LastOrDefault() is { Results: { } last }
            && last.Options.Select(o => (o.OptionId, o.Score)).SequenceEqual(final[workshop].Options.Select(o => (o.OptionId, o.Score)));
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (!(Arrived(large.Workshop.Id) && Arrived(small.Workshop.Id)) && waited.Elapsed < TimeSpan.FromSeconds(10)) await Task.Delay(20);

        var largeTallies = tallies.Where(t => t.Workshop == large.Workshop.Id).Select(t => t.At).Order().ToList();
        var smallTallies = tallies.Where(t => t.Workshop == small.Workshop.Id).Select(t => t.At).Order().ToList();
        var largeInterval = LiveRelay.IntervalFor(TimeSpan.FromMilliseconds(RoomSizeFixture.CoalesceMilliseconds), RoomSizeFixture.PushesPerSecond,
            RoomSizeFixture.LargeRoomParticipants, 4);
        largeInterval.ShouldBe(TimeSpan.FromSeconds(1));
        largeTallies.Count.ShouldBeGreaterThanOrEqualTo(3);
        // The interval runs on the relay's clock; a tally's time is taken while it is counted, after the other tallies of
        // its batch (each reads its round), so one gap may be shorter by that much, never the mean over several.
        var times = $"tallies of the large room at {string.Join(", ", largeTallies.Select(t => t.ToString("HH:mm:ss.fff")))}";
        Mean(Gaps(largeTallies)).ShouldBeGreaterThanOrEqualTo(largeInterval - TimeSpan.FromMilliseconds(50), times);
        Gaps(largeTallies).Where(gap => gap < largeInterval * 0.6).ShouldBeEmpty(times);
        smallTallies.Count.ShouldBeGreaterThanOrEqualTo(4);
        Mean(Gaps(smallTallies)).ShouldBeLessThan(largeInterval * 0.6);

        // Nothing is left behind: the last tally of each room counts its phones' ballots, as the results do.
        foreach (var room in new[] { large, small })
        {
            var last = tallies.Where(t => t.Workshop == room.Workshop.Id).MaxBy(t => t.At).Results;
            last.Ballots.Phone.ShouldBe(participants[room.Workshop.Id]);
            last.Options.Select(o => (o.OptionId, o.Score)).ShouldBe(final[room.Workshop.Id].Options.Select(o => (o.OptionId, o.Score)));
        }
    }

    private static List<TimeSpan> Gaps(IReadOnlyList<DateTimeOffset> times) => [.. times.Zip(times.Skip(1), (a, b) => b - a)];

    private static TimeSpan Mean(IReadOnlyList<TimeSpan> gaps) => TimeSpan.FromTicks((long)gaps.Average(g => g.Ticks));
}

/// <summary>The room-size rule of the relay's coalescing interval (a pure function).</summary>
[Trait(Lane.Name, Lane.Unit)]
public sealed class LiveRelayIntervalTests
{
    [Theory]
    [InlineData(250, 20_000, 5_000, 2_000, 250)]
    [InlineData(250, 20_000, 5_000, 5_000, 250)]
    [InlineData(250, 20_000, 5_000, 10_000, 1_000)]
    [InlineData(250, 20_000, 5_000, 20_000, 4_000)]
    [InlineData(250, 20_000, 0, 10_000, 500)]
    [InlineData(250, 20_000, 0, 20_000, 1_000)]
    [InlineData(250, 0, 5_000, 20_000, 250)]
    [InlineData(0, 4, 0, 1, 250)]
    [InlineData(0, 8, 2, 4, 1_000)]
    [InlineData(250, 4, 2, 0, 250)]
    [InlineData(250, 1, 1, 2_000_000_000, 60_000)]
    [InlineData(250, 20_000, 5_000, 1_000_000, 60_000)]
    public void the_interval_is_the_configured_one_or_participants_over_the_room_s_pushes_a_second(int coalesceMs, int perSecond,
        int largeRoom, int participants, int expectedMs) =>
        LiveRelay.IntervalFor(TimeSpan.FromMilliseconds(coalesceMs), perSecond, largeRoom, participants)
            .ShouldBe(TimeSpan.FromMilliseconds(expectedMs));
}
