using System.Net;
using System.Net.Http.Json;
using EPI.Collab.Api.Features.Participants;
using EPI.Collab.Api.Features.Participants.Joining;
using EPI.Collab.Api.Features.Participants.Rejoining;
using EPI.Collab.Api.Features.Voting;
using EPI.Collab.Tests.Features.Voting;
using EPI.Collab.Tests.Features.Workshops;
using Marten;

namespace EPI.Collab.Tests.Features.Participants;

/// <summary>A host of its own, in Development without a configured signing key: the key is generated once and kept in a file.</summary>
public sealed class RestartableFixture : AppFixture
{
    public string KeyFile { get; } = Path.Combine(Path.GetTempPath(), $"epi-test-key-{Guid.NewGuid():N}", "dev-signing-key");

    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["RateLimits:Enabled"] = "false",
        ["Auth:SigningKey"] = "",
        ["Auth:DevelopmentKeyFile"] = KeyFile
    };

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Directory.Delete(Path.GetDirectoryName(KeyFile)!, recursive: true);
    }
}

/// <summary>Issue #14: a restart in the middle of a round creates no second participant and no second ballot.</summary>
public sealed class RestartTests(RestartableFixture app) : IClassFixture<RestartableFixture>
{
    [Fact]
    public async Task a_restart_in_the_middle_of_a_round_keeps_one_participant_and_one_ballot()
    {
        await app.ResetAsync();
        var room = await VotingRoom.Open(app, new RoundRules(VotingMethod.Approval, ResultsVisibility.Live, BallotsChangeable: true, Secret: false));
        var joined = await room.Workshop.JoinPhone(StakeholderGroup.Business);
        var phone = new Phone(room, app.Client(joined.AccessToken));
        var first = await phone.VoteOk(new BallotMark(room.Option(0), 1));
        File.Exists(app.KeyFile).ShouldBeTrue();

        await app.RestartAsync();

        // The token issued before the restart is still valid (the key was kept), and so is the staff login.
        var afterRestart = new Phone(room, app.Client(joined.AccessToken));
        var second = await afterRestart.VoteOk(new BallotMark(room.Option(1), 1));
        // A phone that lost its token comes back with its rejoin secret: the same participant, the same ballot.
        var back = await (await app.Client().PostAsJsonAsync(
            $"/api/cities/{room.Workshop.CityId}/workshops/{room.Workshop.Id}/participants/rejoin",
            new RejoinWorkshop(joined.RejoinSecret!), Json.Options)).Read<Joined>();
        var third = await new Phone(room, app.Client(back.AccessToken)).VoteOk(new BallotMark(room.Option(2), 1));

        back.ParticipantId.ShouldBe(joined.ParticipantId);
        new[] { second.BallotId, third.BallotId }.ShouldAllBe(id => id == first.BallotId);
        third.Version.ShouldBe(3);
        var staff = app.Client(room.Workshop.Staff.DefaultRequestHeaders.Authorization!.Parameter); // logged in before the restart
        var results = await room.ResultsOk(staff);
        results.Ballots.Phone.ShouldBe(1);
        results.Options.Single(o => o.OptionId == room.Option(2)).Score.ShouldBe(1m);
        await using var session = app.Store.QuerySession(room.Workshop.CityId);
        (await session.Query<Participant>().CountAsync()).ShouldBe(1);
        (await session.Query<Ballot>().CountAsync()).ShouldBe(1);
        (await staff.GetAsync($"{room.Workshop.Url}/board")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}
