using Microsoft.AspNetCore.SignalR.Client;
using EPI.Collab.Api.Realtime;
using EPI.Collab.Api.Features.Voting.Casting;
using System.Net;
using System.Net.Http.Json;
using EPI.Collab.Api.Features.Accounts.LoggingIn;
using EPI.Collab.Api.Features.Participants;
using EPI.Collab.Api.Features.Participants.Joining;
using EPI.Collab.Api.Features.Voting;
using EPI.Collab.Tests.Features.Voting;
using EPI.Collab.Tests.Features.Workshops;

namespace EPI.Collab.Tests.Security;

/// <summary>A host of its own with small limits: 6 joins and code lookups per address, 3 ballots per participant, 8 logins.</summary>
public sealed class RateLimitedFixture : AppFixture
{
    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["RateLimits:Joining:PerAddress"] = "6",
        ["RateLimits:Joining:PerSubject"] = "6",
        ["RateLimits:Ballots:PerSubject"] = "3",
        ["RateLimits:Ballots:PerAddress"] = "1000",
        ["RateLimits:LoggingIn:PerAddress"] = "8",
        ["RateLimits:Joining:WindowSeconds"] = "30",
        ["RateLimits:Ballots:WindowSeconds"] = "30"
    };
}

public sealed class RateLimitTests(RateLimitedFixture app) : IClassFixture<RateLimitedFixture>
{
    private static async Task ShouldBeLimited(HttpResponseMessage response)
    {
        response.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        int.Parse(response.Headers.GetValues("Retry-After").Single()).ShouldBeInRange(1, 30);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await response.Content.ReadAsStringAsync()).ShouldContain("\"code\":\"rate-limited\"");
    }

    [Fact]
    public async Task joins_and_code_lookups_are_limited_per_address_and_ballots_per_participant_with_429_and_retry_after()
    {
        var room = await VotingRoom.Open(app, new RoundRules(VotingMethod.Approval, ResultsVisibility.Live, BallotsChangeable: true, Secret: false),
            proposals: 2);
        var workshop = room.Workshop;
        var phone = new Features.Voting.Phone(room, app.Client((await workshop.JoinPhone()).AccessToken));
        var others = new List<HttpResponseMessage>();

        for (var i = 0; i < 3; i++) (await phone.Vote(null, new BallotMark(room.Option(0), 1))).EnsureSuccessStatusCode();
        await ShouldBeLimited(await phone.Vote(null, new BallotMark(room.Option(0), 1)));
        var neighbour = new Features.Voting.Phone(room, app.Client((await workshop.JoinPhone()).AccessToken));
        (await neighbour.Vote(null, new BallotMark(room.Option(0), 1))).EnsureSuccessStatusCode();

        // Two joins so far from this address; four more lookups/joins pass, the next is refused.
        for (var i = 0; i < 4; i++) others.Add(await app.Client().GetAsync($"/api/join/{workshop.JoinCode}"));
        others.ShouldAllBe(r => r.StatusCode == HttpStatusCode.OK);
        await ShouldBeLimited(await app.Client().Join(workshop.CityId, workshop.Id,
            new JoinWorkshop(workshop.JoinCode, StakeholderGroup.Resident, "en")));
        await ShouldBeLimited(await app.Client().GetAsync("/api/join/ACEFHJ"));
        var results = await room.ResultsOk();
        results.Ballots.Total.ShouldBe(2, "the refused ballot changed nothing");
    }


}

/// <summary>Its own host (a class fixture per class), so its logins do not eat the other class's login budget.</summary>
public sealed class LoginRateLimitTests(RateLimitedFixture app) : IClassFixture<RateLimitedFixture>
{
    [Fact]
    public async Task password_guessing_is_limited_per_address()
    {
        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 12; i++)
            answers.Add((await app.Client().PostAsJsonAsync("/api/auth/login", new LogIn("admin", $"guess-{i}"))).StatusCode);

        answers.ShouldContain(HttpStatusCode.Unauthorized);
        answers.Last().ShouldBe(HttpStatusCode.TooManyRequests);
        (await app.Client().PostAsJsonAsync("/api/auth/login", new LogIn("admin", "demo-admin"))).StatusCode
            .ShouldBe(HttpStatusCode.TooManyRequests, "even the right password waits: the limit is on the address");
        answers.Count(a => a != HttpStatusCode.TooManyRequests).ShouldBeLessThanOrEqualTo(8);
    }
}

/// <summary>Its own host too: the hub path's ballot limit, with joins that would eat the other classes' join budget.</summary>
public sealed class HubBallotRateLimitTests(RateLimitedFixture app) : IClassFixture<RateLimitedFixture>
{
    [Fact]
    public async Task ballots_over_the_hub_have_the_same_limit_per_participant()
    {
        var room = await VotingRoom.Open(app, new RoundRules(VotingMethod.Approval, ResultsVisibility.Live, BallotsChangeable: true, Secret: false),
            proposals: 2);
        var joined = await room.Workshop.JoinPhone();
        await using var hub = app.Hub(joined.AccessToken);
        await hub.StartAsync();
        Task<HubBallotAnswer> Cast(int option) => hub.InvokeAsync<HubBallotAnswer>(nameof(CollabHub.CastBallot), room.Workshop.CityId,
            room.Workshop.Id, room.Round.RoundId, new CastBallot([new BallotMark(room.Option(option), 1)]), null);

        for (var i = 0; i < 3; i++) (await Cast(i % 2)).Accepted.ShouldNotBeNull();
        var refused = await Cast(1);
        refused.Accepted.ShouldBeNull();
        refused.Problem!.Status.ShouldBe(429);
        refused.Problem.Code.ShouldBe("rate-limited");
        var results = await room.ResultsOk();
        results.Ballots.Total.ShouldBe(1, "one participant, one ballot, changed twice");
        results.Options.Single(o => o.OptionId == room.Option(0)).Score.ShouldBe(1m, "the refused change to option 2 changed nothing");
        results.Options.Single(o => o.OptionId == room.Option(1)).Score.ShouldBe(0m);
    }
}
