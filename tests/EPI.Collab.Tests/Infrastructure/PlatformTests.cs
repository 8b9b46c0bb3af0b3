using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace EPI.Collab.Tests.Infrastructure;

public class PlatformTests(AppFixture app) : IntegrationTest(app)
{
    [Fact]
    public void every_endpoint_states_its_policy()
    {
        var endpoints = App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();

        endpoints.Count.ShouldBeGreaterThan(5);
        var unstated = endpoints
            .Where(e => !e.Metadata.OfType<IAuthorizeData>().Any() && !e.Metadata.OfType<IAllowAnonymous>().Any())
            .Select(e => e.RoutePattern.RawText).ToList();
        unstated.ShouldBeEmpty();
    }

    [Fact]
    public async Task the_openapi_document_describes_every_api_endpoint_and_the_bearer_scheme()
    {
        var json = await App.Client().GetStringAsync("/openapi/v1.json");
        using var document = JsonDocument.Parse(json);
        var paths = document.RootElement.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();

        var apiRoutes = App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => "/" + e.RoutePattern.RawText!.TrimStart('/')).Where(r => r.StartsWith("/api/")).Distinct();
        apiRoutes.Except(paths).ShouldBeEmpty();
        document.RootElement.GetProperty("components").GetProperty("securitySchemes").TryGetProperty("Bearer", out _)
            .ShouldBeTrue();
    }

    [Fact]
    public async Task every_request_body_in_the_openapi_document_has_an_example()
    {
        using var document = JsonDocument.Parse(await App.Client().GetStringAsync("/openapi/v1.json"));

        var bodies = document.RootElement.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(op => (Name: $"{op.Name} {path.Name}", Op: op.Value)))
            .Where(x => x.Op.TryGetProperty("requestBody", out _))
            .ToList();

        bodies.Count.ShouldBeGreaterThan(20);
        var missing = bodies.Where(x => !x.Op.GetProperty("requestBody").GetProperty("content").EnumerateObject()
            .All(media => media.Value.TryGetProperty("example", out _))).Select(x => x.Name).ToList();
        missing.ShouldBeEmpty();
    }

    [Fact]
    public async Task the_api_reference_page_is_served()
    {
        var response = await App.Client().GetAsync("/api-reference/");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldContain("openapi/v1.json");
    }

    [Fact]
    public async Task live_and_ready_answer_200_with_the_database_up()
    {
        (await App.Client().GetAsync("/health/live")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await App.Client().GetAsync("/health/ready")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task unknown_routes_are_401_without_a_token_and_404_problems_with_one()
    {
        (await App.Client().GetAsync("/api/nothing-here")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        var response = await (await App.ClientFor("observer")).GetAsync("/api/nothing-here");

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }
}
