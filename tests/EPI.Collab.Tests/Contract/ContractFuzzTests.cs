using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using EPI.Collab.Api.Features.Voting;
using EPI.Collab.Tests.Features.Proposals;
using EPI.Collab.Tests.Features.Voting;
using EPI.Collab.Tests.Security;
using Microsoft.AspNetCore.Routing.Patterns;
using Npgsql;
using Xunit.Abstractions;

namespace EPI.Collab.Tests.Contract;

/// <summary>
/// The contract fuzzer: every case comes from the served OpenAPI document (<see cref="ContractCases"/>), never from the
/// code. Every answer must be a 4xx ProblemDetails, and the event log and every document table must be unchanged.
/// The example body of each operation is the positive control: the door must let it through.
/// </summary>
public sealed class ContractFuzzTests(AppFixture app, ITestOutputHelper output) : IntegrationTest(app)
{
    /// <summary>Extra random two-field cases per run: 0 in the test command, thousands in <c>ops/chaos.sh security</c>.</summary>
    private static readonly int Extra = int.TryParse(Environment.GetEnvironmentVariable("EPI_CONTRACT_EXTRA"), out var n) ? n : 0;

    [Fact]
    public async Task every_case_derived_from_the_served_document_is_a_4xx_problem_and_changes_nothing()
    {
        var room = await VotingRoom.Open(App, new RoundRules(VotingMethod.Approval, ResultsVisibility.Live, true, false), proposals: 2);
        var comment = await room.Workshop.Staff.CommentOk(room.Workshop, room.Proposals[0]);
        var ids = new Dictionary<string, string>
        {
            ["cityId"] = "cluj-napoca", ["workshopId"] = room.Workshop.Id.ToString(), ["roundId"] = room.Round.RoundId.ToString(),
            ["proposalId"] = room.Proposals[0].ToString(), ["commentId"] = comment.ToString(), ["followerCityId"] = "lublin"
        };
        var clients = new[]
        {
            App.Client(await App.TokenFor("admin")), App.Client((await room.Workshop.JoinPhone()).AccessToken), App.Client(await App.TokenFor("auditor"))
        };
        var document = await ServedDocument.Load(App);
        if (Environment.GetEnvironmentVariable("EPI_OPENAPI_DUMP") is { Length: > 0 } dump) await File.WriteAllTextAsync(dump, document.Root.ToJsonString());
        var cases = new ContractCases(document);
        var problems = new List<string>();
        var operations = new List<(ServedDocument.Operation Op, string Url, HttpClient Client, JsonObject Example)>();

        foreach (var op in document.Operations().Where(o => o.Node["requestBody"] is not null))
        {
            if (op.JsonBody?["schema"] is null) { problems.Add($"{op}: request body without a JSON schema"); continue; }
            if (op.JsonBody["example"] is not JsonObject example) { problems.Add($"{op}: request body without an example"); continue; }
            var url = RoutePaths.Fill(RoutePatternFactory.Parse(op.Path), ids);
            // Positive control, and the caller the operation lets in: the example passes the door (no 400/415).
            HttpClient? allowed = null;
            foreach (var client in clients)
            {
                var answer = await Send(client, op.Method, url, example.ToJsonString(), "application/json");
                if (answer.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden) continue;
                if (answer.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.UnsupportedMediaType
                    && JsonNode.Parse(await answer.Content.ReadAsStringAsync())?["stage"]?.GetValue<string>() == "contract")
                    problems.Add($"{op}: its own example is refused: {(int)answer.StatusCode} {await answer.Content.ReadAsStringAsync()}");
                allowed = client;
                break;
            }
            if (allowed is null) { problems.Add($"{op}: no caller is let in"); continue; }
            operations.Add((op, url, allowed, example));
        }

        var before = await Counts();
        var sent = 0;
        var random = new Random(20261204);
        foreach (var (op, url, client, example) in operations)
        {
            var all = cases.For(op, example).ToList();
            var fields = all.Where(c => c.Damage is not null).ToList();
            for (var i = 0; i < Extra / Math.Max(1, operations.Count) && fields.Count > 1; i++)
                all.Add(Twice(example, fields[random.Next(fields.Count)], fields[random.Next(fields.Count)]));
            foreach (var c in all)
            {
                var answer = await Send(client, op.Method, url, c.Body, c.ContentType);
                sent++;
                var status = (int)answer.StatusCode;
                var text = await answer.Content.ReadAsStringAsync();
                // 413 (too large) and 415 (not JSON) may be answered by the server or routing before the door: nothing ran either way.
                var byTheDoor = status is 413 or 415 && status == c.Expected || status == 413
                    || (status == c.Expected && text.Contains("\"stage\":\"contract\"", StringComparison.Ordinal));
                if (!byTheDoor || answer.Content.Headers.ContentType?.MediaType != "application/problem+json")
                    problems.Add($"{c}: {status} {answer.Content.Headers.ContentType?.MediaType} (expected {c.Expected} from the door) {Cut(text)} body {Cut(c.Body)}");
            }
        }
        var after = await Counts();

        output.WriteLine($"{sent} contract cases over {operations.Count} operations");
        Console.WriteLine($"figure: contract fuzzing: {sent} cases derived from the served OpenAPI document over {operations.Count} operations, {problems.Count} wrong answers");
        problems.ShouldBeEmpty(string.Join("\n", problems.Take(60)));
        after.ShouldBe(before, "no refused request may change anything");
        operations.Count.ShouldBeGreaterThan(40);
    }

    /// <summary>Two broken fields of one operation at once: still a 400, whichever the door finds first.</summary>
    private static ContractCase Twice(JsonObject example, ContractCase a, ContractCase b)
    {
        var body = example.DeepClone().AsObject();
        a.Damage!(body);
        b.Damage!(body);
        return a with { Name = $"{a.Name} and {b.Name}", Body = body.ToJsonString(), Damage = null };
    }

    private static string Cut(string s) => s.Length > 300 ? s[..300] + "…" : s;

    private static Task<HttpResponseMessage> Send(HttpClient client, string method, string url, string body, string? contentType)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), url);
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        if (contentType is not null) content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        request.Content = content;
        request.Headers.ExpectContinue = true;
        return client.SendAsync(request);
    }

    /// <summary>Events and the rows of every document table: what a refused request must leave as it was.</summary>
    private async Task<string> Counts()
    {
        await App.RelaySettled();
        await using var connection = new NpgsqlConnection(App.Database.ConnectionString);
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand(
                         "select table_name from information_schema.tables where table_schema = 'epi' and (table_name like 'mt_doc_%' or table_name = 'mt_events') order by 1",
                         connection))
        await using (var reader = await list.ExecuteReaderAsync())
            while (await reader.ReadAsync()) tables.Add(reader.GetString(0));
        var counts = new StringBuilder();
        foreach (var table in tables)
        {
            await using var count = new NpgsqlCommand($"select count(*) from epi.{table}", connection);
            counts.Append(table).Append('=').Append(await count.ExecuteScalarAsync()).Append(' ');
        }
        return counts.ToString();
    }
}
