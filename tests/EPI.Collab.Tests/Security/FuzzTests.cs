using System.Net;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CsCheck;
using EPI.Collab.Api.Features.Voting;
using EPI.Collab.Api.Infrastructure.Auth;
using EPI.Collab.Tests.Features.Audit;
using EPI.Collab.Tests.Features.Proposals;
using EPI.Collab.Tests.Features.Voting;
using EPI.Collab.Tests.Features.Workshops;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;
using Marten;
using Marten.Events;
using Npgsql;
using Wolverine.Http;
using Xunit.Abstractions;

namespace EPI.Collab.Tests.Security;

/// <summary>
/// Generated bad requests (CsCheck) against every endpoint that takes a body: malformed JSON, wrong types, huge bodies and
/// arrays, NUL characters, unicode marks inside ids; then missing, expired, forged tokens, wrong roles and another city's
/// routes. Every answer must be a 4xx ProblemDetails and the event log must not grow by a single event.
/// </summary>
public sealed class FuzzTests(AppFixture app, ITestOutputHelper output) : IntegrationTest(app)
{
    private sealed record Target(string Method, RoutePattern Pattern, Type RequestType, JsonObject Example, bool Anonymous)
    {
        public override string ToString() => $"{Method} {Pattern.RawText}";
    }

    private sealed record World(LiveWorkshop Workshop, Guid Round, Guid Proposal, Guid Comment);

    /// <summary>Generated bodies per run: 700 in the test command, more through <c>ops/chaos.sh security</c> (EPI_FUZZ_ITERATIONS).</summary>
    private static readonly int Iterations = int.TryParse(Environment.GetEnvironmentVariable("EPI_FUZZ_ITERATIONS"), out var n) ? n : 700;

    private static readonly string[] Marks = ["\u202E", "\u200F", "\u0301", "\uFEFF", "\u202B", "\U0001F600"];

    private async Task<(World World, List<Target> Targets)> Arrange()
    {
        var room = await VotingRoom.Open(App, new RoundRules(VotingMethod.Approval, ResultsVisibility.Live, true, false), proposals: 2);
        var comment = await room.Workshop.Staff.CommentOk(room.Workshop, room.Proposals[0]);
        var targets = App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => (Endpoint: e, Chain: e.Metadata.GetMetadata<HttpChain>()))
            .Where(x => x.Chain?.RequestType is { } t && t.GetProperty("Example", BindingFlags.Public | BindingFlags.Static) is not null)
            .Select(x => new Target(x.Endpoint.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods[0], x.Endpoint.RoutePattern, x.Chain!.RequestType!,
                JsonSerializer.SerializeToNode(x.Chain.RequestType!.GetProperty("Example")!.GetValue(null), x.Chain.RequestType!, Json.Options)!.AsObject(),
                x.Endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Authorization.IAllowAnonymous>() is not null))
            .ToList();
        targets.Count.ShouldBeGreaterThan(40);
        return (new World(room.Workshop, room.Round.RoundId, room.Proposals[0], comment), targets);
    }

    private static string Url(RoutePattern pattern, World world, string city = "cluj-napoca") =>
        RoutePaths.Fill(pattern, new Dictionary<string, string>
        {
            ["cityId"] = city, ["workshopId"] = world.Workshop.Id.ToString(), ["roundId"] = world.Round.ToString(),
            ["proposalId"] = world.Proposal.ToString(), ["commentId"] = world.Comment.ToString(), ["followerCityId"] = "lublin"
        });

    /// <summary>Every leaf of a JSON tree with a way to replace it.</summary>
    private static List<(JsonNode Leaf, Action<JsonNode?> Replace)> Leaves(JsonNode node)
    {
        var leaves = new List<(JsonNode, Action<JsonNode?>)>();
        void Walk(JsonNode n, Action<JsonNode?> replace)
        {
            switch (n)
            {
                case JsonObject o:
                    foreach (var (key, child) in o.ToList()) if (child is not null) Walk(child, v => o[key] = v);
                    break;
                case JsonArray a:
                    for (var i = 0; i < a.Count; i++) { var index = i; if (a[i] is { } child) Walk(child, v => a[index] = v); }
                    break;
            }
            leaves.Add((n, replace));
        }
        foreach (var (key, child) in node.AsObject().ToList()) if (child is not null) Walk(child, v => node[key] = v);
        return leaves;
    }

    /// <summary>A value of another JSON kind than <paramref name="node"/>'s: never valid where the original was.</summary>
    private static JsonNode WrongKind(JsonNode node, int pick) => node.GetValueKind() switch
    {
        JsonValueKind.String => pick % 3 == 0 ? JsonValue.Create(12345) : pick % 3 == 1 ? new JsonObject { ["x"] = 1 } : new JsonArray(1, 2),
        JsonValueKind.Number => pick % 2 == 0 ? JsonValue.Create("not a number") : new JsonObject(),
        JsonValueKind.True or JsonValueKind.False => pick % 2 == 0 ? JsonValue.Create("yes") : JsonValue.Create(3),
        JsonValueKind.Array => pick % 2 == 0 ? JsonValue.Create("list") : new JsonObject { ["0"] = "a" },
        _ => pick % 2 == 0 ? JsonValue.Create(7) : new JsonArray("x")
    };

    /// <summary>One bad body for a target: the kind of damage and where.</summary>
    private static string Body(Target target, int kind, int pick, string noise)
    {
        var json = target.Example.DeepClone().AsObject();
        var leaves = Leaves(json);
        var strings = leaves.Where(l => l.Leaf.GetValueKind() == JsonValueKind.String).ToList();
        switch (kind)
        {
            case 0: // a body over the size limit
                return $"{{\"text\":\"{new string('a', 1_100_000)}\"}}";
            case 1 or 2: // malformed JSON: truncated, a trailing comma, or garbage in front
                var text = json.ToJsonString();
                return kind == 1 ? text[..(pick % (text.Length - 1) + 1)] : pick % 2 == 0 ? text[..^1] + ",}" : "x" + noise + text;
            case 3 or 4 or 5 or 6: // one field of the wrong JSON kind
                if (leaves.Count == 0) return "[]";
                var (leaf, replace) = leaves[pick % leaves.Count];
                replace(WrongKind(leaf, pick));
                return json.ToJsonString();
            case 7: // a NUL inside a string (or an added one when there is none)
                if (strings.Count == 0) json["note"] = "a\u0000b";
                else strings[pick % strings.Count].Replace(JsonValue.Create(strings[pick % strings.Count].Leaf.GetValue<string>() + "\u0000"));
                return json.ToJsonString();
            case 8: // a huge array where an array is expected, or a huge string
                var arrays = leaves.Where(l => l.Leaf is JsonArray).ToList();
                if (arrays.Count > 0) arrays[pick % arrays.Count].Replace(new JsonArray(Enumerable.Range(0, 15_000).Select(i => (JsonNode)JsonValue.Create(i)).ToArray()));
                else if (strings.Count > 0) strings[pick % strings.Count].Replace(JsonValue.Create(new string('x', 300_000)));
                else return "{" + new string(' ', 10) + "\"x\":[" + string.Join(',', Enumerable.Range(0, 15_000)) + "]";
                return json.ToJsonString();
            default: // unicode marks inside an id, a code or an enum value
                var ids = strings.Where(l => Guid.TryParse(l.Leaf.GetValue<string>(), out _) || l.Leaf.GetValue<string>().All(c => char.IsUpper(c) || c == '_')).ToList();
                if (ids.Count == 0) return "{\"" + noise + "\":" + "\u202E}";
                var target_ = ids[pick % ids.Count];
                var value = target_.Leaf.GetValue<string>();
                target_.Replace(JsonValue.Create(value.Insert(pick % (value.Length + 1), Marks[pick % Marks.Length])));
                return json.ToJsonString();
        }
    }

    private static async Task ShouldBeAProblem(HttpResponseMessage response, string what)
    {
        var status = (int)response.StatusCode;
        if (status is < 400 or >= 500)
            throw new ShouldAssertException($"{what}: {status} {await response.Content.ReadAsStringAsync()}");
        if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
            throw new ShouldAssertException($"{what}: {status} without a ProblemDetails body ({response.Content.Headers.ContentType})");
    }

    private async Task<long> EventCount()
    {
        await App.Store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(20));
        await using var connection = new NpgsqlConnection(App.Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select count(*) from epi.mt_events", connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task generated_bad_bodies_are_4xx_problems_and_change_nothing()
    {
        var (world, targets) = await Arrange();
        var admin = App.Client(await App.TokenFor("admin"));
        var before = await EventCount();
        var counts = new int[10];

        await Gen.Select(Gen.Int[0, targets.Count - 1], Gen.Int[0, 9], Gen.Int[0, 1_000_000], Gen.String[Gen.Char.AlphaNumeric, 0, 6])
            .SampleAsync(async (index, kind, pick, noise) =>
            {
                var target = targets[index];
                var body = Body(target, kind, pick, noise);
                using var request = new HttpRequestMessage(new HttpMethod(target.Method), Url(target.Pattern, world))
                {
                    Content = new StringContent(body, Encoding.UTF8, "application/json")
                };
                // Like a browser uploading a large body: the server may refuse it (413) before reading it.
                request.Headers.ExpectContinue = true;
                await ShouldBeAProblem(await admin.SendAsync(request), $"{target} kind {kind}: {body[..Math.Min(body.Length, 300)]}");
                Interlocked.Increment(ref counts[kind]);
            }, iter: Iterations, threads: 1);

        (await EventCount()).ShouldBe(before, "no bad request may append an event");
        output.WriteLine($"fuzzed {counts.Sum()} bodies over {targets.Count} endpoints; by kind: {string.Join(", ", counts)}");
        Console.WriteLine($"figure: fuzzing: {counts.Sum()} generated bad bodies over {targets.Count} endpoints, all 4xx ProblemDetails, 0 events appended");
        counts.ShouldAllBe(c => c > 0);
    }

    [Fact]
    public async Task missing_expired_forged_tokens_wrong_roles_and_foreign_cities_are_refused_and_change_nothing()
    {
        var (world, targets) = await Arrange();
        var issuer = App.Services.GetRequiredService<TokenIssuer>();
        var valid = await App.TokenFor("facilitator.cluj");
        var tokens = new (string Name, string? Token, string City, HttpStatusCode Expected)[]
        {
            ("missing", null, "cluj-napoca", HttpStatusCode.Unauthorized),
            ("expired", issuer.Issue(Guid.CreateVersion7(), Roles.Facilitator, "cluj-napoca", lifetime: TimeSpan.FromMinutes(-10)).AccessToken,
                "cluj-napoca", HttpStatusCode.Unauthorized),
            ("forged signature", valid[..^6] + (valid[^6..] == "AAAAAA" ? "BBBBBB" : "AAAAAA"), "cluj-napoca", HttpStatusCode.Unauthorized),
            ("not a token", "Bearer.of.nothing", "cluj-napoca", HttpStatusCode.Unauthorized),
            ("facilitator of another city", await App.TokenFor("facilitator.riga"), "cluj-napoca", HttpStatusCode.Forbidden),
            ("facilitator on another city's route", valid, "riga", HttpStatusCode.Forbidden),
            ("observer", await App.TokenFor("observer"), "cluj-napoca", HttpStatusCode.Forbidden),
        };
        var cityTargets = targets.Where(t => !t.Anonymous && t.Pattern.Parameters.Any(p => p.Name == "cityId")).ToList();
        var before = await EventCount();
        var cells = 0;

        foreach (var (name, token, city, expected) in tokens)
        foreach (var target in cityTargets)
        {
            using var request = new HttpRequestMessage(new HttpMethod(target.Method), Url(target.Pattern, world, city))
            {
                Content = new StringContent(target.Example.ToJsonString(), Encoding.UTF8, "application/json")
            };
            var response = await App.Client(token).SendAsync(request);
            await ShouldBeAProblem(response, $"{target} with {name}");
            response.StatusCode.ShouldBe(expected, $"{target} with {name}");
            cells++;
        }

        (await EventCount()).ShouldBe(before);
        output.WriteLine($"{cells} token/role/city cells");
        Console.WriteLine($"figure: fuzzing: {cells} requests with missing, expired, forged tokens, wrong roles and foreign cities, all refused, 0 events appended");
    }
}
