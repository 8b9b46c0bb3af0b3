using System.ComponentModel.DataAnnotations;
using System.Net;
using System.Text;
using System.Text.Json;
using EPI.Collab.Api.Features.ReferenceData;
using EPI.Collab.Api.Infrastructure.Contract;
using EPI.Collab.Tests.Features.Workshops;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Wolverine.Http;

namespace EPI.Collab.Tests.Contract;

/// <summary>The defects found at the edge, one test each: the door refuses them with a 400 (or 415) naming the field.</summary>
public sealed class DoorTests(AppFixture app) : IntegrationTest(app)
{
    private async Task<(HttpStatusCode Status, JsonElement Problem)> Send(string method, string url, string? body, string? contentType = "application/json",
        string user = "admin")
    {
        var client = await App.ClientFor(user);
        var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
            if (contentType is not null) request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        }
        var response = await client.SendAsync(request);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }

    private static void ShouldName(JsonElement problem, string field) =>
        problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).ShouldContain(field, problem.ToString());

    [Fact]
    public async Task a_comma_joined_enum_is_refused_not_or_ed_into_another_value()
    {
        var (status, problem) = await Send("POST", "/api/cities/cluj-napoca/workshops",
            """{"kind":"FOCUS_GROUP, THEME_GROUP","title":"t","focusQuestion":[{"lang":"en","text":"q"}],"languages":["en"],"startsAt":null,"endsAt":null}""");
        status.ShouldBe(HttpStatusCode.BadRequest);
        ShouldName(problem, "kind");
    }

    [Theory]
    [InlineData("policy_design_round_table")]
    [InlineData("PolicyDesignRoundTable")]
    [InlineData("0")]
    public async Task an_enum_is_its_exact_name_only(string kind)
    {
        var value = kind == "0" ? "0" : $"\"{kind}\"";
        var (status, problem) = await Send("POST", "/api/cities/cluj-napoca/workshops",
            $$"""{"kind":{{value}},"title":"t","focusQuestion":[{"lang":"en","text":"q"}],"languages":["en"],"startsAt":null,"endsAt":null}""");
        status.ShouldBe(HttpStatusCode.BadRequest);
        ShouldName(problem, "kind");
    }

    [Fact]
    public async Task a_missing_required_field_is_a_400_never_a_default()
    {
        var workshop = await App.OpenRoundTable();
        var (status, problem) = await Send("POST", $"{workshop.Url}/participants",
            $$"""{"joinCode":"{{workshop.JoinCode}}","preferredLanguage":"en"}""");
        status.ShouldBe(HttpStatusCode.BadRequest);
        ShouldName(problem, "group");
        (status, problem) = await Send("POST", "/api/cities/cluj-napoca/subjects/" + Guid.CreateVersion7() + "/erasure", """{"exceptionsChecked":true}""",
            user: "coordinator.cluj");
        status.ShouldBe(HttpStatusCode.BadRequest);
        ShouldName(problem, "ground");
    }

    [Theory]
    [InlineData("null")]
    [InlineData("[]")]
    [InlineData("\"text\"")]
    [InlineData("")]
    [InlineData("{\"kind\":")]
    public async Task a_null_or_non_object_body_is_a_400(string body)
    {
        var (status, _) = await Send("POST", "/api/cities/cluj-napoca/workshops", body);
        status.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task a_body_without_a_json_content_type_is_a_415()
    {
        var body = """{"kind":"FOCUS_GROUP","title":"t","focusQuestion":[{"lang":"en","text":"q"}],"languages":["en"],"startsAt":null,"endsAt":null}""";
        (await Send("POST", "/api/cities/cluj-napoca/workshops", body, contentType: null)).Status.ShouldBe(HttpStatusCode.UnsupportedMediaType);
        (await Send("POST", "/api/cities/cluj-napoca/workshops", body, contentType: "text/plain")).Status.ShouldBe(HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task duplicate_and_undeclared_keys_are_refused()
    {
        var (status, problem) = await Send("POST", "/api/cities/cluj-napoca/workshops",
            """{"kind":"FOCUS_GROUP","kind":"OPEN_DAY","title":"t","focusQuestion":[{"lang":"en","text":"q"}],"languages":["en"],"startsAt":null,"endsAt":null}""");
        status.ShouldBe(HttpStatusCode.BadRequest);
        ShouldName(problem, "kind");
        (status, problem) = await Send("POST", "/api/cities/cluj-napoca/workshops",
            """{"kind":"FOCUS_GROUP","title":"t","focusQuestion":[{"lang":"en","text":"q"}],"languages":["en"],"startsAt":null,"endsAt":null,"admin":true}""");
        status.ShouldBe(HttpStatusCode.BadRequest);
        ShouldName(problem, "admin");
    }

    [Theory]
    [InlineData("0001-01-01T10:00:00Z")]
    [InlineData("9999-01-01T10:00:00Z")]
    public async Task dates_outside_the_window_are_refused(string at)
    {
        var (status, problem) = await Send("POST", "/api/cities/cluj-napoca/workshops",
            $$"""{"kind":"FOCUS_GROUP","title":"t","focusQuestion":[{"lang":"en","text":"q"}],"languages":["en"],"startsAt":"{{at}}","endsAt":null}""");
        status.ShouldBe(HttpStatusCode.BadRequest);
        ShouldName(problem, "startsAt");
    }

    [Fact]
    public async Task texts_and_lists_have_limits()
    {
        var question = new string('q', 900_000);
        var (status, problem) = await Send("POST", "/api/cities/cluj-napoca/workshops",
            $$"""{"kind":"FOCUS_GROUP","title":"t","focusQuestion":[{"lang":"en","text":"{{question}}"}],"languages":["en"],"startsAt":null,"endsAt":null}""");
        status.ShouldBe(HttpStatusCode.BadRequest);
        ShouldName(problem, "focusQuestion[0].text");
        var workshop = await App.OpenRoundTable();
        var round = Guid.CreateVersion7();
        var ids = string.Join(",", Enumerable.Repeat($"\"{round}\"", 15_000));
        (status, problem) = await Send("POST", $"{workshop.Url}/decisions",
            $$"""{"roundIds":[{{ids}}],"ruleApplied":"r","adopted":[],"rationale":{"lang":"en","text":"why"},"dissent":null}""");
        status.ShouldBe(HttpStatusCode.BadRequest);
        ShouldName(problem, "roundIds");
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(0)]
    [InlineData(int.MaxValue)]
    public async Task a_version_out_of_range_is_a_400_not_a_500(int version)
    {
        var workshop = await App.OpenRoundTable();
        var (status, problem) = await Send("POST", $"{workshop.Url}/close", $$"""{"version":{{version}}}""");
        status.ShouldBe(HttpStatusCode.BadRequest);
        ShouldName(problem, "version");
    }

    [Theory]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=501", "limit")]
    [InlineData("after=-1", "after")]
    public async Task query_values_keep_their_declared_bounds_and_the_document_publishes_them(string query, string field)
    {
        var workshop = await App.OpenRoundTable();
        var (status, problem) = await Send("GET", $"{workshop.Url}/feed?{query}", null);
        status.ShouldBe(HttpStatusCode.BadRequest);
        ShouldName(problem, field);
        problem.GetProperty("stage").GetString().ShouldBe("contract");

        var document = await ServedDocument.Load(App);
        var feed = document.Operations().Single(o => o.Method == "GET" && o.Path == "/api/cities/{cityId}/workshops/{workshopId}/feed");
        var limit = feed.Node["parameters"]!.AsArray().Single(p => p!["name"]!.GetValue<string>() == "limit")!["schema"]!;
        (limit["minimum"]!.ToString(), limit["maximum"]!.ToString()).ShouldBe(("1", "500"));
    }

    /// <summary>
    /// A new endpoint is safe by construction only if its record declares its bounds: every text, list, number and nested
    /// record of every request has one (a localized text through [Text] on the field that holds it).
    /// </summary>
    [Fact]
    public void every_field_of_every_request_declares_its_bounds()
    {
        var requestTypes = App.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .Select(e => e.Metadata.GetMetadata<HttpChain>()?.RequestType).OfType<Type>().Distinct().ToList();
        requestTypes.Count.ShouldBeGreaterThan(40);
        var missing = new List<string>();
        var seen = new HashSet<Type>();
        void Visit(Type type, string path)
        {
            if (!seen.Add(type)) return;
            foreach (var field in RequestContract.FieldsOf(type))
            {
                var t = Nullable.GetUnderlyingType(field.Property.PropertyType) ?? field.Property.PropertyType;
                var rules = field.Rules;
                var name = $"{path}.{field.Name}";
                var item = t.IsGenericType && t.GetGenericTypeDefinition() == typeof(IReadOnlyList<>) ? t.GetGenericArguments()[0] : null;
                if (item is not null)
                {
                    if (!rules.Any(r => r is LengthAttribute or MaxLengthAttribute)) missing.Add($"{name}: a list without a size");
                    if (item == typeof(string) && !rules.Any(r => r is ItemLengthAttribute or LanguageAttribute)) missing.Add($"{name}: strings without a length");
                    if (item == typeof(LocalizedText) && !rules.Any(r => r is TextAttribute)) missing.Add($"{name}: texts without [Text]");
                    if (RequestContractTypes.IsOurs(item) && item != typeof(LocalizedText)) Visit(item, name);
                }
                else if (t == typeof(string) && type != typeof(LocalizedText) && !rules.Any(r => r is StringLengthAttribute or LengthAttribute or LanguageAttribute))
                    missing.Add($"{name}: a text without a length");
                else if ((t == typeof(int) || t == typeof(long) || t == typeof(decimal) || t == typeof(double)) && !rules.Any(r => r is RangeAttribute))
                    missing.Add($"{name}: a number without a range");
                else if (t == typeof(LocalizedText) && !rules.Any(r => r is TextAttribute)) missing.Add($"{name}: a text without [Text]");
                else if (RequestContractTypes.IsOurs(t) && t != typeof(LocalizedText)) Visit(t, name);
            }
        }
        foreach (var type in requestTypes) Visit(type, type.Name);
        missing.ShouldBeEmpty(string.Join("\n", missing));
    }
}

internal static class RequestContractTypes
{
    public static bool IsOurs(Type t) => t is { IsClass: true, Namespace: not null } && t.Namespace.StartsWith("EPI.Collab", StringComparison.Ordinal);
}
