using System.Net;
using System.Text;
using EPI.Collab.Api.Infrastructure.Auth;
using EPI.Collab.Tests.Features.Workshops;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace EPI.Collab.Tests.Security;

/// <summary>
/// Every API endpoint × every role × the role's own city and a foreign one, generated from the endpoint list: the
/// expected answer comes from the endpoint's policy (a policy without a rule here fails the test), and each cell is a
/// real HTTP request with a real token. Allowed cells must not be 401/403; refused cells must be 403 (401 without a
/// token); no cell may be a 5xx.
/// </summary>
public sealed class AuthorizationMatrixTests(AppFixture app, ITestOutputHelper output) : IntegrationTest(app)
{
    private const string OwnCity = "cluj-napoca", ForeignCity = "riga";

    public enum Who { Anonymous, Admin, Coordinator, Facilitator, Auditor, Observer, Participant }

    /// <summary>Who passes each policy; <c>own</c> says whether the route's city is the caller's city (or the participant's workshop's).</summary>
    private static bool Passes(string policy, Who who, bool own) => policy switch
    {
        Policies.CityStaff => who is Who.Admin || (who is Who.Coordinator or Who.Facilitator && own),
        Policies.CityCoordinator => who is Who.Admin || (who is Who.Coordinator && own),
        Policies.CityReader => who is Who.Admin or Who.Auditor || (who is Who.Coordinator or Who.Facilitator && own),
        Policies.CityPublishedReader => who is Who.Admin or Who.Auditor or Who.Observer || (who is Who.Coordinator or Who.Facilitator && own),
        Policies.WorkshopMember => who is Who.Admin or Who.Auditor || (who is Who.Coordinator or Who.Facilitator or Who.Participant && own),
        Policies.WorkshopContributor => who is Who.Admin || (who is Who.Coordinator or Who.Facilitator or Who.Participant && own),
        Policies.CrossCityReader => who is not (Who.Participant or Who.Anonymous),
        Policies.Admin => who is Who.Admin,
        Policies.Auditor => who is Who.Admin or Who.Auditor,
        _ => throw new InvalidOperationException($"Policy '{policy}' has no rule in the authorization matrix: add one.")
    };

    /// <summary>
    /// Endpoints whose handler narrows its policy further (documented in the README); the matrix expects the narrower rule.
    /// </summary>
    private static readonly Dictionary<string, Func<Who, bool, bool>> Narrower = new()
    {
        ["POST /api/cities/{cityId}/audit/access-grants"] = (who, _) => who is Who.Auditor,
        ["GET /api/cities/{cityId}/workshops/{workshopId}/participants/me/data"] = (who, own) => who is Who.Participant && own,
    };

    /// <summary>Published-reader endpoints may refuse an observer what is not published yet: only "not 401, not 5xx" is asserted.</summary>
    private static bool MayRefusePublished(string policy, Who who) => policy == Policies.CityPublishedReader && who == Who.Observer;

    private sealed record Cell(string Endpoint, Who Who, bool Own, HttpStatusCode Status, string Expected);

    [Fact]
    public async Task every_endpoint_answers_every_role_in_its_own_and_a_foreign_city_as_its_policy_says()
    {
        var workshop = await App.OpenRoundTable();
        var joined = await workshop.JoinPhone();
        var tokens = new Dictionary<Who, string?>
        {
            [Who.Anonymous] = null, [Who.Admin] = await App.TokenFor("admin"), [Who.Coordinator] = await App.TokenFor("coordinator.cluj"),
            [Who.Facilitator] = await App.TokenFor("facilitator.cluj"), [Who.Auditor] = await App.TokenFor("auditor"),
            [Who.Observer] = await App.TokenFor("observer"), [Who.Participant] = joined.AccessToken
        };
        var endpoints = App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(m => (Method: m, Endpoint: e)))
            .ToList();
        endpoints.Count.ShouldBeGreaterThan(80);

        var cells = new List<Cell>();
        var wrong = new List<string>();
        foreach (var (method, endpoint) in endpoints)
        {
            var name = $"{method} {endpoint.RoutePattern.RawText}";
            var anonymous = endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null;
            var policy = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).LastOrDefault(p => p is not null);
            // The residents' pages read /api/public/… without an account, and nothing else lives there.
            if (endpoint.RoutePattern.RawText!.StartsWith("/api/public/", StringComparison.Ordinal) && !(anonymous && method == "GET"))
                wrong.Add($"{name}: everything under /api/public/ is an anonymous GET");
            if (!anonymous && policy is null)
            {
                wrong.Add($"{name}: no policy and not anonymous");
                continue;
            }
            var cityScoped = endpoint.RoutePattern.Parameters.Any(p => p.Name == "cityId");
            foreach (var (who, token) in tokens)
            foreach (var own in cityScoped ? new[] { true, false } : [true])
            {
                using var request = new HttpRequestMessage(new HttpMethod(method), Url(endpoint.RoutePattern, own ? OwnCity : ForeignCity, workshop, joined));
                if (method is "POST" or "PUT" or "PATCH") request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
                var status = (await App.Client(token).SendAsync(request)).StatusCode;
                string expected;
                bool ok;
                if ((int)status >= 500) (expected, ok) = ("< 500", false);
                else if (anonymous) (expected, ok) = ("not 401/403", status is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden));
                else if (who == Who.Anonymous) (expected, ok) = ("401", status == HttpStatusCode.Unauthorized);
                else if (MayRefusePublished(policy!, who)) (expected, ok) = ("not 401", status != HttpStatusCode.Unauthorized);
                else if (Narrower.TryGetValue(name, out var rule) ? rule(who, own) : Passes(policy!, who, own))
                    (expected, ok) = ("not 401/403", status is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden));
                else (expected, ok) = ("403", status == HttpStatusCode.Forbidden);
                cells.Add(new Cell(name, who, own, status, expected));
                if (!ok) wrong.Add($"{name} as {who} ({(own ? "own" : "foreign")} city): {(int)status}, expected {expected}");
            }
        }

        output.WriteLine($"{endpoints.Count} endpoints, {cells.Count} cells, {cells.Count(c => c.Expected == "403" || c.Expected == "401")} refusals");
        Console.WriteLine($"figure: authorization matrix: {endpoints.Count} endpoints × 7 callers × own/foreign city = {cells.Count} cells, " +
                          $"{cells.Count(c => c.Expected is "403" or "401")} of them refusals, all as the policies say");
        wrong.ShouldBeEmpty();
        cells.Count.ShouldBeGreaterThan(endpoints.Count * 7);
    }

    /// <summary>A concrete path: the city of the column, the participant's workshop, and unknown ids for everything else.</summary>
    private static string Url(RoutePattern pattern, string city, LiveWorkshop workshop, Api.Features.Participants.Joining.Joined joined) =>
        RoutePaths.Fill(pattern, new Dictionary<string, string>
        {
            ["cityId"] = city, ["workshopId"] = workshop.Id.ToString(), ["subjectId"] = joined.ParticipantId.ToString(),
            ["code"] = workshop.JoinCode, ["lang"] = "en", ["readModel"] = "workshops", ["followerCityId"] = "lublin"
        });
}
