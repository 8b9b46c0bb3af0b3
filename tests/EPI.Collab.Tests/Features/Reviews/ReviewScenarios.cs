using System.Net.Http.Json;
using EPI.Collab.Api.Features.Decisions.Recording;
using EPI.Collab.Api.Features.ReferenceData;
using EPI.Collab.Api.Features.Reviews;
using EPI.Collab.Api.Features.Reviews.Advancing;
using EPI.Collab.Api.Features.Reviews.GettingDetails;
using EPI.Collab.Api.Features.Reviews.Starting;
using EPI.Collab.Api.Features.Voting;
using EPI.Collab.Tests.Features.Voting;
using EPI.Collab.Tests.Features.Workshops;

namespace EPI.Collab.Tests.Features.Reviews;

/// <summary>A started review and the staff client that edits it; <see cref="Version"/> follows each successful command.</summary>
public sealed record LiveReview(AppFixture App, HttpClient Staff, string CityId, Guid Id, int Version)
{
    public string Url => $"/api/cities/{CityId}/reviews/{Id}";

    public Task<HttpResponseMessage> Post(string path, object command, HttpClient? client = null) =>
        (client ?? Staff).PostAsJsonAsync(Url + path, command, Json.Options);

    /// <summary>Posts a command built for the current version and returns the review at its new version.</summary>
    public async Task<LiveReview> Do(string path, Func<int, object> command) =>
        this with { Version = (await (await Post(path, command(Version))).Read<Review>()).Version };

    public Task<LiveReview> Advance(ReviewStatus to) => Do("/advance", v => new AdvanceReview(v, to));

    public async Task<LiveReview> AdvanceTo(ReviewStatus to)
    {
        var review = this;
        for (var next = ReviewStatus.DataCollection; next <= to; next++) review = await review.Advance(next);
        return review;
    }

    public async Task<ReviewDetails> Details(HttpClient? client = null) => await (await (client ?? Staff).GetAsync(Url)).Read<ReviewDetails>();
}

public static class ReviewScenarios
{
    public static StartReview Icc2019 => new("ICC Index 2019", "2019", new DateOnly(2020, 2, 1), new DateOnly(2020, 7, 31));

    public static Task<HttpResponseMessage> StartReview(this HttpClient client, string cityId, object? command = null) =>
        client.PostAsJsonAsync($"/api/cities/{cityId}/reviews", command ?? Icc2019, Json.Options);

    /// <summary>The Cluj coordinator starts the city's review.</summary>
    public static async Task<LiveReview> StartedReview(this AppFixture app, string staff = "coordinator.cluj", string cityId = "cluj-napoca")
    {
        var client = await app.ClientFor(staff);
        var id = (await (await client.StartReview(cityId)).Read<Scenarios.Created>()).Value;
        return new LiveReview(app, client, cityId, id, 1);
    }

    /// <summary>A real decision of a Cluj round table: a closed approval round and the decision recorded on it.</summary>
    public static async Task<Guid> RecordedDecision(this AppFixture app)
    {
        var room = await VotingRoom.Open(app, new RoundRules(VotingMethod.Approval, ResultsVisibility.Live, true, false), proposals: 2);
        await (await room.Phone()).VoteOk(new BallotMark(room.Option(0), 1));
        (await room.Close()).EnsureSuccessStatusCode();
        var decision = new RecordDecision([room.Round.RoundId], "top 1 by approvals", [room.Proposals[0]],
            new LocalizedText("en", "The round table chose business and labour market."));
        return (await (await room.Workshop.Staff.PostAsJsonAsync($"{room.Workshop.Url}/decisions", decision, Json.Options))
            .Read<Scenarios.Created>()).Value;
    }
}
