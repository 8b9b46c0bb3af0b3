using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace EPI.Collab.Tests.Infrastructure;

/// <summary>
/// The served OpenAPI document is the contract, generated from the endpoints: who may call each operation, what it does,
/// every answer it can give and the headers it reads and sets. Each fact runs over every operation, so a new endpoint is
/// checked when it is added.
/// </summary>
public partial class OpenApiDocumentTests(AppFixture app) : IntegrationTest(app)
{
    private sealed record Operation(string Method, string Path, JsonElement Element)
    {
        public string Name => $"{Method.ToUpperInvariant()} {Path}";
        public bool Has(string property) => Element.TryGetProperty(property, out _);
        public JsonElement Responses => Element.GetProperty("responses");
        public bool Lists(int status) => Responses.TryGetProperty(status.ToString(), out _);
        public IEnumerable<JsonElement> Parameters => Element.TryGetProperty("parameters", out var p) ? p.EnumerateArray() : [];
        public bool HasHeader(string name) => Parameters.Any(p => p.GetProperty("in").GetString() == "header" && p.GetProperty("name").GetString() == name);
    }

    private async Task<(JsonElement Root, List<Operation> Operations)> Document()
    {
        var document = JsonDocument.Parse(await App.Client().GetStringAsync("/openapi/v1.json")).RootElement;
        var operations = document.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(op => new Operation(op.Name, path.Name, op.Value))).ToList();
        operations.Count.ShouldBeGreaterThan(80);
        return (document, operations);
    }

    /// <summary>Anonymous endpoints by "METHOD /route", from the routing table (not from the document).</summary>
    private HashSet<string> AnonymousEndpoints() => App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
        .Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is not null)
        .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
            .Select(m => $"{m} /{e.RoutePattern.RawText!.TrimStart('/')}"))
        .ToHashSet();

    [Fact]
    public async Task every_array_says_what_its_items_are()
    {
        var (root, _) = await Document();
        var untyped = new List<string>();
        void Walk(JsonElement node, string at)
        {
            if (node.ValueKind == JsonValueKind.Array)
            {
                var i = 0;
                foreach (var item in node.EnumerateArray()) Walk(item, $"{at}[{i++}]");
                return;
            }
            if (node.ValueKind != JsonValueKind.Object) return;
            if (node.TryGetProperty("type", out var type) && (type.ValueKind == JsonValueKind.String ? type.GetString() == "array"
                    : type.ValueKind == JsonValueKind.Array && type.EnumerateArray().Any(t => t.GetString() == "array"))
                && !node.TryGetProperty("items", out _))
                untyped.Add(at);
            foreach (var property in node.EnumerateObject()) Walk(property.Value, $"{at}/{property.Name}");
        }
        Walk(root, "");
        untyped.ShouldBeEmpty();
    }

    [Fact]
    public async Task every_id_in_a_path_is_a_uuid_except_the_city_slug()
    {
        var (_, operations) = await Document();
        operations.SelectMany(o => o.Parameters
                .Where(p => p.GetProperty("in").GetString() == "path" && p.GetProperty("name").GetString() is { } name
                    && name.EndsWith("Id", StringComparison.Ordinal) && name != "cityId"
                    && (!p.GetProperty("schema").TryGetProperty("format", out var format) || format.GetString() != "uuid"))
                .Select(p => $"{o.Name} {p.GetProperty("name").GetString()}"))
            .ShouldBeEmpty();
    }

    [Fact]
    public async Task every_operation_states_its_security_bearer_or_explicitly_anonymous()
    {
        var (_, operations) = await Document();
        var anonymous = AnonymousEndpoints();

        var wrong = new List<string>();
        foreach (var op in operations)
        {
            if (!op.Element.TryGetProperty("security", out var security) || security.GetArrayLength() == 0)
            {
                wrong.Add($"{op.Name}: no security");
                continue;
            }
            var schemes = security.EnumerateArray().SelectMany(r => r.EnumerateObject().Select(s => s.Name)).ToList();
            var description = op.Element.GetProperty("description").GetString()!;
            if (anonymous.Contains(op.Name))
            {
                if (schemes.Count != 0 || !description.Contains("Anyone may call this")) wrong.Add($"{op.Name}: anonymous, not stated so");
            }
            else if (!schemes.SequenceEqual(["Bearer"]) || !Regex.IsMatch(description, "Who may call this \\(policy `[a-z-]+`\\): \\S+")
                     || description.Contains("see the README"))
                wrong.Add($"{op.Name}: needs a bearer token and a policy line, has [{string.Join(",", schemes)}]");
        }

        wrong.ShouldBeEmpty();
        anonymous.ShouldContain("GET /api/cities");
    }

    [Fact]
    public async Task every_operation_has_a_human_summary_from_its_xml_doc()
    {
        var (_, operations) = await Document();

        var generated = operations.Where(op => !op.Element.TryGetProperty("summary", out var summary)
                || summary.GetString() is not { Length: > 10 } text
                || GeneratedName().IsMatch(text)
                || text == op.Element.GetProperty("operationId").GetString()
                || !text.Contains(' '))
            .Select(op => op.Name).ToList();

        generated.ShouldBeEmpty();
        operations.Single(op => op.Name == "POST /api/cities/{cityId}/workshops/{workshopId}/proposals/{proposalId}/withdraw")
            .Element.GetProperty("summary").GetString().ShouldBe("Withdraw your own proposal while the workshop is live.");
    }

    [Fact]
    public async Task every_protected_operation_lists_401_and_403_and_every_operation_429_and_503_with_retry_after()
    {
        var (_, operations) = await Document();
        var anonymous = AnonymousEndpoints();

        var missing = new List<string>();
        foreach (var op in operations)
        {
            int[] expected = anonymous.Contains(op.Name) ? [429, 503] : [401, 403, 429, 503];
            missing.AddRange(expected.Where(s => !op.Lists(s)).Select(s => $"{op.Name}: {s}"));
            foreach (var status in new[] { 429, 503 }.Where(op.Lists))
                if (!op.Responses.GetProperty(status.ToString()).GetProperty("headers").TryGetProperty("Retry-After", out _))
                    missing.Add($"{op.Name}: {status} without Retry-After");
            if (op.Path.Contains('{') && !op.Lists(404)) missing.Add($"{op.Name}: 404");
            if (op.Has("requestBody")) missing.AddRange(new[] { 400, 413, 415 }.Where(s => !op.Lists(s)).Select(s => $"{op.Name}: {s}"));
            if (op.Method != "get") missing.AddRange(new[] { 409, 422 }.Where(s => !op.Lists(s)).Select(s => $"{op.Name}: {s}"));
        }

        missing.ShouldBeEmpty();
    }

    [Fact]
    public async Task every_error_answer_is_problem_json_and_400_carries_field_errors()
    {
        var (root, operations) = await Document();

        var wrong = new List<string>();
        foreach (var op in operations)
        foreach (var response in op.Responses.EnumerateObject().Where(r => r.Name[0] is '4' or '5'))
        {
            var content = response.Value.TryGetProperty("content", out var c) ? c.EnumerateObject().ToList() : [];
            var expected = response.Name == "400" ? "#/components/schemas/HttpValidationProblemDetails" : "#/components/schemas/ProblemDetails";
            if (content.Count != 1 || content[0].Name != "application/problem+json"
                || content[0].Value.GetProperty("schema").GetProperty("$ref").GetString() != expected)
                wrong.Add($"{op.Name} {response.Name}");
        }

        wrong.ShouldBeEmpty();
        var schemas = root.GetProperty("components").GetProperty("schemas");
        schemas.GetProperty("HttpValidationProblemDetails").GetProperty("properties").TryGetProperty("errors", out _).ShouldBeTrue();
        schemas.GetProperty("ProblemDetails").GetProperty("properties").GetProperty("status").GetProperty("type").GetString().ShouldBe("integer");
    }

    [Fact]
    public async Task the_headers_an_endpoint_reads_and_sets_are_documented()
    {
        var (_, operations) = await Document();
        Operation Op(string name) => operations.Single(op => op.Name == name);

        foreach (var ballot in new[] { "POST /api/cities/{cityId}/workshops/{workshopId}/rounds/{roundId}/ballot",
                     "POST /api/cities/{cityId}/workshops/{workshopId}/rounds/{roundId}/assisted-ballots" })
        {
            Op(ballot).HasHeader("Idempotency-Key").ShouldBeTrue(ballot);
            Op(ballot).Responses.GetProperty("200").GetProperty("headers").TryGetProperty("Idempotent-Replayed", out _).ShouldBeTrue(ballot);
        }
        Op("GET /api/cities/{cityId}/workshops/{workshopId}/proposals/{proposalId}").HasHeader("X-Audit-Grant").ShouldBeTrue();
        Op("GET /api/cities/{cityId}/workshops/{workshopId}/board").HasHeader("X-Audit-Grant").ShouldBeTrue();
        Op("POST /api/cities/{cityId}/workshops/{workshopId}/proposals/{proposalId}/withdraw").HasHeader("If-Match").ShouldBeTrue();
        Op("POST /api/cities/{cityId}/workshops/{workshopId}/proposals/{proposalId}/withdraw").Lists(412).ShouldBeTrue();
        Op("GET /api/cities/{cityId}/workshops/{workshopId}").Responses.GetProperty("200").GetProperty("headers")
            .TryGetProperty("ETag", out _).ShouldBeTrue();
        Op("GET /api/cities/{cityId}/workshops/{workshopId}/join-qr").Lists(422).ShouldBeTrue(); // declared on the endpoint
        var created = operations.SelectMany(op => op.Responses.EnumerateObject().Where(r => r.Name == "201").Select(r => (op, r.Value))).ToList();
        created.ShouldNotBeEmpty();
        created.Where(x => !x.Value.GetProperty("headers").TryGetProperty("Location", out _)).Select(x => x.op.Name).ShouldBeEmpty();
    }

    [Fact]
    public async Task response_schemas_say_what_the_service_sends()
    {
        var (root, operations) = await Document();
        var schemas = root.GetProperty("components").GetProperty("schemas");
        JsonElement Ok(string name) => operations.Single(op => op.Name == name).Responses.GetProperty("200").GetProperty("content");

        var personalText = schemas.GetProperty("PersonalText");
        personalText.GetProperty("required").EnumerateArray().Select(r => r.GetString()).ShouldNotContain("sealed");
        // A localized text is written in place (its bounds differ per use), so null is a type of it or a branch of oneOf.
        var asLocalized = personalText.GetProperty("properties").GetProperty("asLocalized");
        (asLocalized.TryGetProperty("oneOf", out var branches)
            ? branches.EnumerateArray().Any(b => b.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String && t.GetString() == "null")
            : asLocalized.GetProperty("type").EnumerateArray().Any(t => t.GetString() == "null")).ShouldBeTrue();

        var themes = Ok("GET /api/epi-themes").GetProperty("application/json").GetProperty("schema").GetProperty("items").GetProperty("$ref").GetString()!;
        schemas.GetProperty(themes.Split('/')[^1]).GetProperty("properties").TryGetProperty("code", out _).ShouldBeTrue();

        var qr = Ok("GET /api/cities/{cityId}/workshops/{workshopId}/join-qr").EnumerateObject().Single();
        (qr.Name, qr.Value.GetProperty("schema").GetProperty("format").GetString()).ShouldBe(("image/png", "binary"));
        Ok("GET /api/cities/{cityId}/audit/export/{readModel}.csv").EnumerateObject().Single().Name.ShouldBe("text/csv");
        Ok("GET /api/audit/export/events.jsonl").EnumerateObject().Single().Name.ShouldBe("application/x-ndjson");
        Ok("GET /api/cities/{cityId}/audit/export/events.jsonl").EnumerateObject().Single().Name.ShouldBe("application/x-ndjson");
    }

    [Fact]
    public async Task the_document_describes_its_tags_license_server_and_unique_operation_ids()
    {
        var (root, operations) = await Document();

        var described = root.GetProperty("tags").EnumerateArray()
            .Where(t => t.TryGetProperty("description", out var d) && d.GetString()!.Length > 10).Select(t => t.GetProperty("name").GetString()).ToHashSet();
        operations.SelectMany(op => op.Element.GetProperty("tags").EnumerateArray().Select(t => t.GetString())).Distinct()
            .Where(t => !described.Contains(t)).ShouldBeEmpty();
        root.GetProperty("info").GetProperty("license").GetProperty("name").GetString().ShouldNotBeNullOrEmpty();
        root.GetProperty("servers").EnumerateArray().Select(s => s.GetProperty("url").GetString()!).ShouldAllBe(url => !url.EndsWith('/'));
        var ids = operations.Select(op => op.Element.GetProperty("operationId").GetString()!).ToList();
        ids.ShouldBeUnique();
        ids.ShouldAllBe(id => UrlSafe().IsMatch(id));
    }

    [GeneratedRegex("^(GET|POST|PUT|PATCH|DELETE)_")]
    private static partial Regex GeneratedName();

    [GeneratedRegex("^[A-Za-z0-9_-]+$")]
    private static partial Regex UrlSafe();
}
