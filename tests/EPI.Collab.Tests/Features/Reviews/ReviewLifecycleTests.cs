using System.Net;
using EPI.Collab.Api.Features.Reviews;
using EPI.Collab.Api.Features.Reviews.Advancing;
using EPI.Collab.Api.Features.Reviews.GettingDetails;
using EPI.Collab.Api.Features.Reviews.ScoringAreas;
using EPI.Collab.Tests.Features.Workshops;
using Marten;

namespace EPI.Collab.Tests.Features.Reviews;

public class ReviewLifecycleTests(AppFixture app) : IntegrationTest(app)
{
    [Fact]
    public async Task a_city_starts_one_review_and_a_second_start_is_a_409()
    {
        var staff = await App.ClientFor("coordinator.cluj");

        var first = await staff.StartReview("cluj-napoca");
        var second = await (await App.ClientFor("admin")).StartReview("cluj-napoca");

        first.StatusCode.ShouldBe(HttpStatusCode.Created);
        second.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var details = await (await staff.GetAsync(first.Headers.Location)).Read<ReviewDetails>();
        details.ShouldSatisfyAllConditions(r => r.Id.ShouldBe(ReviewStream.Id("cluj-napoca")), r => r.Status.ShouldBe(ReviewStatus.Draft),
            r => r.Methodology.ShouldBe("ICC Index 2019"), r => r.PeriodFrom.ShouldBe(new DateOnly(2020, 2, 1)), r => r.Version.ShouldBe(1));
        (await (await App.ClientFor("coordinator.riga")).StartReview("riga")).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await staff.StartReview("atlantis")).StatusCode.ShouldBe(HttpStatusCode.NotFound); // an unknown city, for every caller
        (await (await App.ClientFor("admin")).StartReview("atlantis")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task the_status_moves_forward_one_step_at_a_time_up_to_published()
    {
        var review = await App.StartedReview();

        (await review.Post("/advance", new AdvanceReview(1, ReviewStatus.Analysis))).StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        review = await review.AdvanceTo(ReviewStatus.Published);

        (await review.Post("/advance", new AdvanceReview(review.Version, ReviewStatus.Validated))).StatusCode
            .ShouldBe(HttpStatusCode.UnprocessableEntity);
        var details = await review.Details();
        details.ShouldSatisfyAllConditions(r => r.Status.ShouldBe(ReviewStatus.Published), r => r.PublishedAt.ShouldNotBeNull(),
            r => r.Version.ShouldBe(5));
        (await review.Staff.GetStringAsync(review.Url)).ShouldContain("\"status\":\"PUBLISHED\"");
    }

    [Fact]
    public async Task a_stale_version_is_a_409()
    {
        var review = await App.StartedReview();
        await review.Advance(ReviewStatus.DataCollection);

        (await review.Post("/advance", new AdvanceReview(1, ReviewStatus.Analysis))).StatusCode.ShouldBe(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task content_is_fixed_once_validated()
    {
        var review = await App.StartedReview();
        review = await review.AdvanceTo(ReviewStatus.Validated);

        (await review.Post("/area-scores", RecordAreaScore.Example with { Version = review.Version })).StatusCode
            .ShouldBe(HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task an_invalid_score_is_a_400_and_appends_nothing()
    {
        var review = await App.StartedReview();

        var response = await review.Post("/area-scores", RecordAreaScore.Example with { Version = 1, Score = 120, PolicyAreaCode = "JOBS" });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var body = await response.Content.ReadAsStringAsync();
        body.ShouldContain("\"score\"");
        // The score's bounds are the contract (refused at the door); an unknown area is refused once the body keeps it.
        var unknownArea = await review.Post("/area-scores", RecordAreaScore.Example with { Version = 1, PolicyAreaCode = "JOBS" });
        (await unknownArea.Content.ReadAsStringAsync()).ShouldContain("\"policyAreaCode\"");
        await using var session = App.Store.QuerySession("cluj-napoca");
        (await session.Events.FetchStreamStateAsync(review.Id))!.Version.ShouldBe(1);
    }

    [Fact]
    public async Task other_cities_staff_are_refused_and_auditors_only_read()
    {
        var review = await App.StartedReview();
        var riga = await App.ClientFor("coordinator.riga");
        var auditor = await App.ClientFor("auditor");

        (await review.Post("/advance", new AdvanceReview(1, ReviewStatus.DataCollection), riga)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await riga.GetAsync(review.Url)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await riga.GetAsync($"{review.Url}/gaps")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await review.Post("/advance", new AdvanceReview(1, ReviewStatus.DataCollection), auditor)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await review.Details(auditor)).Status.ShouldBe(ReviewStatus.Draft);
    }

    [Fact]
    public async Task observers_read_a_review_only_once_it_is_published()
    {
        var review = await App.StartedReview();
        var observer = await App.ClientFor("observer");
        var list = $"/api/cities/{review.CityId}/reviews";

        (await observer.GetAsync(review.Url)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await observer.GetAsync($"{review.Url}/gaps")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await (await observer.GetAsync(list)).Read<List<ReviewDetails>>()).ShouldBeEmpty();
        (await review.Post("/advance", new AdvanceReview(1, ReviewStatus.DataCollection), observer)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await (await review.Staff.GetAsync(list)).Read<List<ReviewDetails>>()).Single().Id.ShouldBe(review.Id);

        review = await review.AdvanceTo(ReviewStatus.Published);

        (await review.Details(observer)).Status.ShouldBe(ReviewStatus.Published);
        (await observer.GetAsync($"{review.Url}/gaps")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await (await observer.GetAsync(list)).Read<List<ReviewDetails>>()).Single().Id.ShouldBe(review.Id);
    }

    [Fact]
    public async Task an_unknown_review_is_a_404()
    {
        var staff = await App.ClientFor("coordinator.cluj");
        var url = $"/api/cities/cluj-napoca/reviews/{ReviewStream.Id("cluj-napoca")}";

        (await staff.GetAsync(url)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await staff.GetAsync($"{url}/gaps")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await (await App.ClientFor("observer")).GetAsync(url)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}
