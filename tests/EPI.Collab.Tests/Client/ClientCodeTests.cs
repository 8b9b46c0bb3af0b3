using System.Text.Json.Nodes;

namespace EPI.Collab.Tests.Client;

/// <summary>
/// src/EPI.Collab.Client/Generated/Contract.g.cs is what <see cref="ClientGenerator"/> makes of the document this
/// build of the service serves. A changed endpoint or schema fails this test until ./ops/client.sh regenerates the
/// client; then every consumer (load driver, drills, demo, demo seed, test scenarios) fails to build where it used what
/// changed. With EPI_CLIENT_WRITE=1 (set by ./ops/client.sh) the test writes the file instead of comparing.
/// </summary>
public class ClientCodeTests(AppFixture app) : IntegrationTest(app)
{
    private const string Regenerate = "The typed client is stale: run ./ops/client.sh and commit src/EPI.Collab.Client/Generated.";

    [Fact]
    public async Task the_committed_client_is_what_the_served_openapi_document_generates()
    {
        var document = JsonNode.Parse(await App.Client().GetStringAsync("/openapi/v1.json"))!.AsObject();
        var expected = ClientGenerator.Generate(document);
        var file = Path.Combine(RepoRoot(), "src", "EPI.Collab.Client", "Generated", "Contract.g.cs");
        if (Environment.GetEnvironmentVariable("EPI_CLIENT_WRITE") == "1") await File.WriteAllTextAsync(file, expected);

        var committed = File.Exists(file) ? (await File.ReadAllTextAsync(file)).ReplaceLineEndings("\n") : "";
        var firstDifference = expected.Split('\n').Zip(committed.Split('\n'), (e, c) => (e, c)).Select((p, i) => (p.e, p.c, Line: i + 1))
            .FirstOrDefault(p => p.e != p.c);
        committed.ShouldBe(expected, $"{Regenerate} First difference at line {firstDifference.Line}: " +
                                     $"generated `{firstDifference.e}`, committed `{firstDifference.c}`.");
    }

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "EPI.Collab.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("EPI.Collab.sln not found above the test binaries.");
    }
}

/// <summary>What the generator makes of a small document: the rules the committed client relies on.</summary>
[Trait(Lane.Name, Lane.Unit)]
public class ClientGeneratorTests
{
    [Fact]
    public void the_generator_keeps_required_members_non_nullable_and_enums_by_their_exact_names()
    {
        var document = JsonNode.Parse("""
            {"paths": {"/api/things/{thingId}": {"post": {"operationId": "DoThing",
              "parameters": [{"name": "thingId", "in": "path", "required": true, "schema": {"type": "string", "format": "uuid"}},
                             {"name": "Idempotency-Key", "in": "header", "schema": {"type": "string"}}],
              "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/DoThing"}}}},
              "responses": {"200": {"content": {"application/json": {"schema": {"type": "array", "items": {"$ref": "#/components/schemas/Kind"}}}}}}}}},
             "components": {"schemas": {
               "DoThing": {"type": "object", "required": ["kind"], "properties": {
                  "kind": {"$ref": "#/components/schemas/Kind"}, "note": {"type": ["null", "string"]}}},
               "Kind": {"type": "string", "enum": ["POLICY_DESIGN_ROUND_TABLE", "VOTE"]}}}}
            """)!.AsObject();

        var code = ClientGenerator.Generate(document);

        code.ShouldContain("public sealed record DoThing(\n    [property: JsonPropertyName(\"kind\")] Kind Kind,\n" +
                           "    [property: JsonPropertyName(\"note\")] string? Note = null);");
        code.ShouldContain("[JsonStringEnumMemberName(\"POLICY_DESIGN_ROUND_TABLE\")] PolicyDesignRoundTable,");
        code.ShouldContain("public Task<IReadOnlyList<Kind>> DoThingAsync(Guid thingId, DoThing body, string? idempotencyKey = null, CancellationToken ct = default)");
        code.ShouldContain("$\"/api/things/{Segment(thingId)}\"");
    }
}

/// <summary>The committed client writes what the service reads: exact enum names, no member for an absent optional value.</summary>
[Trait(Lane.Name, Lane.Unit)]
public class ClientJsonTests
{
    [Fact]
    public void enums_travel_by_their_exact_upper_snake_names_and_absent_optional_members_are_left_out()
    {
        var json = System.Text.Json.JsonSerializer.Serialize(new EPI.Collab.Client.JoinWorkshop("abc123",
            EPI.Collab.Client.StakeholderGroup.MigrantLedOrganisation, EPI.Collab.Client.Lang.Ro), EPI.Collab.Client.CollabClient.Json);

        json.ShouldBe("""{"joinCode":"abc123","group":"MIGRANT_LED_ORGANISATION","preferredLanguage":"ro"}""");
        System.Text.Json.JsonSerializer.Deserialize<EPI.Collab.Client.RoundRules>(
                """{"method":"DOT","visibility":"HIDDEN_UNTIL_CLOSE","ballotsChangeable":true,"secret":false}""", EPI.Collab.Client.CollabClient.Json)!
            .ShouldBe(new EPI.Collab.Client.RoundRules(EPI.Collab.Client.VotingMethod.Dot, EPI.Collab.Client.ResultsVisibility.HiddenUntilClose, true, false));
        EPI.Collab.Client.CollabClient.WireName(EPI.Collab.Client.WorkshopKind.PolicyDesignRoundTable).ShouldBe("POLICY_DESIGN_ROUND_TABLE");
    }
}
