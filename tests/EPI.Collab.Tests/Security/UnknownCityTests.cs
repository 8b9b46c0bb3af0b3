using System.Net;
using System.Reflection;
using System.Text;
using System.Text.Json;
using EPI.Collab.Api.Features.Cities;
using EPI.Collab.Api.Features.Cities.Registering;
using Marten;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace EPI.Collab.Tests.Security;

/// <summary>
/// A route's city must be registered: every endpoint with <c>{cityId}</c>, called by an admin and by an auditor with an
/// unknown city (with the request type's example body where it has one), answers 404 ProblemDetails and changes nothing;
/// so do a coordinator and an anonymous caller: the city check comes before every policy.
/// </summary>
public sealed class UnknownCityTests(AppFixture app) : IntegrationTest(app)
{
    private const string Nowhere = "atlantis";

    [Fact]
    public async Task every_city_route_answers_404_for_an_unknown_city_to_every_caller_and_writes_nothing()
    {
        var endpoints = App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.Parameters.Any(p => p.Name == "cityId"))
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(m => (Method: m, Endpoint: e)))
            .ToList();
        endpoints.Count.ShouldBeGreaterThan(60);
        var before = await Counts();

        var wrong = new List<string>();
        foreach (var user in new[] { "admin", "auditor", "coordinator.cluj", "anonymous" })
        {
            var client = user == "anonymous" ? App.Client() : await App.ClientFor(user);
            foreach (var (method, endpoint) in endpoints)
            {
                using var request = new HttpRequestMessage(new HttpMethod(method),
                    RoutePaths.Fill(endpoint.RoutePattern, new Dictionary<string, string> { ["cityId"] = Nowhere, ["lang"] = "en" }));
                if (method is "POST" or "PUT" or "PATCH") request.Content = new StringContent(ExampleBody(endpoint), Encoding.UTF8, "application/json");
                var response = await client.SendAsync(request);
                var name = $"{method} {endpoint.RoutePattern.RawText} as {user}";
                if (response.StatusCode != HttpStatusCode.NotFound) wrong.Add($"{name}: {(int)response.StatusCode}");
                else if (response.Content.Headers.ContentType?.MediaType != "application/problem+json") wrong.Add($"{name}: 404 without ProblemDetails");
            }
        }

        wrong.ShouldBeEmpty();
        (await Counts()).ShouldBe(before);
    }

    [Fact]
    public async Task the_writes_reported_in_the_issue_are_404_for_an_unknown_city()
    {
        var admin = await App.ClientFor("admin");
        var auditor = await App.ClientFor("auditor");
        var before = await Counts();

        (await admin.PostAsync($"/api/cities/{Nowhere}/organisations", Body("RegisterOrganisation"))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await admin.PostAsync($"/api/cities/{Nowhere}/transfer/activities", Body("RecordTransferActivity"))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await admin.PostAsync($"/api/cities/{Nowhere}/transfer/followers", Body("RegisterFollowerCity"))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await auditor.PostAsync($"/api/cities/{Nowhere}/audit/access-grants", Body("GrantAuditAccess"))).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        (await Counts()).ShouldBe(before);
    }

    [Fact]
    public async Task a_city_registered_after_a_404_is_found_on_the_next_request_like_a_city_registered_by_another_node()
    {
        var admin = await App.ClientFor("admin");
        (await admin.GetAsync("/api/cities/testville/workshops")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        // Registered behind this node's back, as another node (or a later seed) would.
        await using (var session = App.Store.LightweightSession("testville"))
        {
            session.Events.StartStream<City>(CityStream.Id("testville"), RegisterCity.Decide(false, "testville",
                EpiCities.All.First().Facts with { Name = "Testville" }, DateTimeOffset.UtcNow)!);
            await session.SaveChangesAsync();
        }

        (await admin.GetAsync("/api/cities/testville/workshops")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await admin.GetAsync("/api/cities/testville")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    /// <summary>The request type's documented example, so a write would succeed if the city existed; "{}" when it has none.</summary>
    private static string ExampleBody(RouteEndpoint endpoint)
    {
        var type = endpoint.Metadata.GetMetadata<IAcceptsMetadata>()?.RequestType;
        var example = type?.GetProperty("Example", BindingFlags.Public | BindingFlags.Static)?.GetValue(null);
        return example is null ? "{}" : JsonSerializer.Serialize(example, type!, Json.Options);
    }

    private StringContent Body(string requestType)
    {
        var endpoint = App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Single(e => e.Metadata.GetMetadata<IAcceptsMetadata>()?.RequestType?.Name == requestType);
        var body = ExampleBody(endpoint);
        body.ShouldNotBe("{}");
        return new StringContent(body, Encoding.UTF8, "application/json");
    }

    /// <summary>The number of events and of documents of every kind: nothing may change.</summary>
    private async Task<string> Counts()
    {
        // The chain keeper and the relay write after the events they follow: let them catch up before counting.
        await App.RelaySettled();
        await using var session = App.Store.QuerySession();
        var tables = await session.AdvancedSql.QueryAsync<string>(
            "select table_name from information_schema.tables where table_schema = 'epi' and (table_name like 'mt_doc_%' or table_name = 'mt_events') order by table_name",
            CancellationToken.None);
        var counts = new StringBuilder();
        foreach (var table in tables)
            counts.Append(table).Append('=').Append((await session.AdvancedSql.QueryAsync<long>($"select count(*) from epi.{table}", CancellationToken.None)).Single()).Append(' ');
        return counts.ToString();
    }
}
