using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using EPI.Collab.Api.Features.Voting;
using EPI.Collab.Tests.Features.Proposals;
using EPI.Collab.Tests.Features.Voting;
using EPI.Collab.Tests.Security;
using Json.Schema;
using Microsoft.AspNetCore.Routing.Patterns;
using Xunit.Abstractions;

namespace EPI.Collab.Tests.Contract;

/// <summary>
/// Every answer is what the document says: every operation of the served document is called with a valid request,
/// without a token, with a forbidden role, with an invalid body and with unknown ids, and each answer must have a status
/// the operation lists, a content type it lists for that status, a body valid against that schema (JSON Schema
/// 2020-12), and a ProblemDetails body for every 4xx and 5xx.
/// </summary>
public sealed class ConformanceTests(AppFixture app, ITestOutputHelper output) : IntegrationTest(app)
{
    [Fact]
    public async Task every_answer_of_every_operation_is_listed_in_the_document_and_matches_its_schema()
    {
        var room = await VotingRoom.Open(App, new RoundRules(VotingMethod.Approval, ResultsVisibility.Live, true, false), proposals: 2);
        var comment = await room.Workshop.Staff.CommentOk(room.Workshop, room.Proposals[0]);
        var joined = await room.Workshop.JoinPhone();
        var known = new Dictionary<string, string>
        {
            ["cityId"] = "cluj-napoca", ["workshopId"] = room.Workshop.Id.ToString(), ["roundId"] = room.Round.RoundId.ToString(),
            ["proposalId"] = room.Proposals[0].ToString(), ["commentId"] = comment.ToString(), ["followerCityId"] = "lublin",
            ["code"] = room.Workshop.JoinCode, ["subjectId"] = joined.ParticipantId.ToString()
        };
        var unknown = new Dictionary<string, string> { ["cityId"] = "cluj-napoca", ["code"] = "ZZZZZZ", ["followerCityId"] = "nowhere" };
        var callers = new (string Name, HttpClient Client)[]
        {
            ("admin", App.Client(await App.TokenFor("admin"))), ("participant", App.Client(joined.AccessToken)),
            ("auditor", App.Client(await App.TokenFor("auditor"))), ("anonymous", App.Client()),
            ("observer", App.Client(await App.TokenFor("observer"))), ("facilitator of riga", App.Client(await App.TokenFor("facilitator.riga")))
        };
        var document = await ServedDocument.Load(App);
        var schemas = new SchemaCache(document);
        var problems = new List<string>();
        var answers = 0;

        foreach (var op in document.Operations().OrderBy(o => o.Method == "GET" ? 0 : 1))
        {
            var example = op.JsonBody?["example"]?.ToJsonString();
            var pattern = RoutePatternFactory.Parse(op.Path);
            var url = RoutePaths.Fill(pattern, known);
            var cases = new List<(string What, HttpClient Client, string Url, string? Body)>();
            foreach (var (name, client) in callers) cases.Add(($"as {name}", client, url, example));
            if (op.JsonBody is not null) cases.Add(("with a null body", callers[0].Client, url, "null"));
            if (pattern.Parameters.Any(p => p.Name != "cityId")) cases.Add(("with unknown ids", callers[0].Client, RoutePaths.Fill(pattern, unknown), example));
            foreach (var (what, client, target, body) in cases)
            {
                var request = new HttpRequestMessage(new HttpMethod(op.Method), target);
                if (body is not null) request.Content = new StringContent(body, Encoding.UTF8, "application/json");
                var response = await client.SendAsync(request);
                answers++;
                foreach (var wrong in await Check(op, response, schemas)) problems.Add($"{op} {what}: {wrong}");
            }
        }

        output.WriteLine($"{answers} answers checked");
        Console.WriteLine($"figure: conformance: {answers} answers of {document.Operations().Count()} operations checked against the served document, {problems.Count} not as documented");
        problems.ShouldBeEmpty(string.Join("\n", problems.Distinct().Take(80)));
    }

    private static async Task<IEnumerable<string>> Check(ServedDocument.Operation op, HttpResponseMessage response, SchemaCache schemas)
    {
        var wrong = new List<string>();
        var status = (int)response.StatusCode;
        var responses = op.Node["responses"] as JsonObject ?? [];
        var listed = responses[status.ToString()] ?? responses[$"{status / 100}XX"] ?? responses["default"];
        var text = await response.Content.ReadAsStringAsync();
        if (listed is null)
        {
            wrong.Add($"status {status} is not listed ({string.Join(", ", responses.Select(r => r.Key))}): {Cut(text)}");
            return wrong;
        }
        var media = response.Content.Headers.ContentType?.MediaType;
        if (status >= 400 && media != "application/problem+json") wrong.Add($"{status} without a ProblemDetails body ({media})");
        if (text.Length == 0 || media is null) return wrong;
        var content = listed["content"] as JsonObject;
        var entry = content?[media] ?? content?["*/*"];
        if (entry is null)
        {
            wrong.Add($"{status} {media} is not a listed content type ({string.Join(", ", content?.Select(c => c.Key) ?? [])})");
            return wrong;
        }
        if (media is not ("application/json" or "application/problem+json") && !media.EndsWith("+json", StringComparison.Ordinal)
            || entry["schema"] is not { } schema) return wrong;
        var result = schemas.For(schema).Evaluate(JsonDocument.Parse(text).RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (!result.IsValid)
            wrong.Add($"{status} body does not match its schema: " + string.Join("; ", (result.Details ?? [])
                .Where(d => d.Errors is { Count: > 0 }).Take(4).Select(d => $"{d.InstanceLocation} {string.Join(",", d.Errors!.Values)}")) + $" — {Cut(text)}");
        return wrong;
    }

    private static string Cut(string s) => s.Length > 240 ? s[..240] + "…" : s;

    /// <summary>Response schemas as JSON Schema 2020-12 documents, with the document's components as <c>$defs</c>.</summary>
    private sealed class SchemaCache(ServedDocument document)
    {
        private readonly Dictionary<string, JsonSchema> _built = [];
        private readonly string _defs = (document.Root["components"]?["schemas"]?.ToJsonString() ?? "{}").Replace("#/components/schemas/", "#/$defs/");
        private int _next;

        public JsonSchema For(JsonNode schema)
        {
            var key = schema.ToJsonString();
            if (_built.TryGetValue(key, out var built)) return built;
            var text = $$"""{"$schema":"https://json-schema.org/draft/2020-12/schema","$defs":{{_defs}},"allOf":[{{key.Replace("#/components/schemas/", "#/$defs/")}}]}""";
            var options = new BuildOptions { SchemaRegistry = new SchemaRegistry() };
            return _built[key] = JsonSchema.FromText(text, options, new Uri($"https://epi-collab.test/conformance/{_next++}"));
        }
    }
}
