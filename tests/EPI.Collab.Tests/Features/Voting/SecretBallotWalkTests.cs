using System.Text.Json;
using EPI.Collab.Api.Features.Participants;
using EPI.Collab.Api.Features.Voting;
using EPI.Collab.Tests.Features.Workshops;
using Marten;
using Xunit.Abstractions;

namespace EPI.Collab.Tests.Features.Voting;

/// <summary>
/// Issue #14: in a secret round with a single BUSINESS participant, a facilitator cannot attribute that ballot from
/// any endpoint. Every GET of the served OpenAPI document is called (route ids from the scenario, each query parameter
/// the scenario can fill, alone), and no answer carries the group or the ballot's stream or event id. A second, consent
/// round where the same person objects is walked too: its objection is listed, but nothing ties it to them.
/// </summary>
public class SecretBallotWalkTests(AppFixture app, ITestOutputHelper output) : IntegrationTest(app)
{
    [Fact]
    public async Task a_facilitator_cannot_attribute_a_singleton_groups_secret_ballot_from_any_get()
    {
        var room = await VotingRoom.Open(App, new RoundRules(VotingMethod.Approval, ResultsVisibility.Live, true, Secret: true));
        for (var i = 0; i < 5; i++) await (await room.Phone(StakeholderGroup.Resident)).VoteOk(new BallotMark(room.Option(0), 1));
        var businessPhone = await room.Phone(StakeholderGroup.Business);
        var business = await businessPhone.VoteOk(new BallotMark(room.Option(2), 1));
        (await room.Close()).EnsureSuccessStatusCode();
        var consent = room with
        {
            Round = (await (await room.Workshop.Post("/rounds", new Api.Features.Voting.Opening.OpenRound(
                [new Api.Features.ReferenceData.LocalizedText("en", "Can we live with it?")], room.Proposals,
                new RoundRules(VotingMethod.Consent, ResultsVisibility.Live, true, Secret: true)))).Read<VotingRoom.CreationEnvelope>()).Value
        };
        for (var i = 0; i < 5; i++) await (await consent.Phone()).VoteOk(new BallotMark(consent.Option(0), 1));
        var objection = await (businessPhone with { Room = consent }).VoteOk(new BallotMark(consent.Option(0), -1, Reason: "Night shifts are left out"));
        (await consent.Close()).EnsureSuccessStatusCode();
        await App.RelaySettled();
        await using var session = App.Store.QuerySession(room.Workshop.CityId);
        var ballotEvent = (await session.Events.FetchStreamAsync(business.BallotId)).Single();
        var objectionBallotEvent = (await session.Events.FetchStreamAsync(objection.BallotId)).Single();
        var objectionEvent = (await session.Events.FetchStreamAsync(RoundDissent.StreamId(consent.Round.RoundId))).Single();

        var facilitator = await App.ClientFor("facilitator.cluj");
        using var document = JsonDocument.Parse(await facilitator.GetStringAsync("/openapi/v1.json"));
        var route = new Dictionary<string, string>
        {
            ["cityId"] = room.Workshop.CityId, ["workshopId"] = room.Workshop.Id.ToString(), ["roundId"] = room.Round.RoundId.ToString(),
            ["proposalId"] = room.Proposals[0].ToString(), ["code"] = room.Workshop.JoinCode, ["lang"] = "en"
        };
        var query = new Dictionary<string, string[]>
        {
            ["roundId"] = [room.Round.RoundId.ToString()], ["workshopId"] = [room.Workshop.Id.ToString()],
            ["sequence"] = [ballotEvent.Sequence.ToString(), (ballotEvent.Sequence - 1).ToString()],
            ["asOf"] = [Uri.EscapeDataString(ballotEvent.Timestamp.ToString("O"))], ["after"] = ["0"], ["limit"] = ["1000"],
            ["cityId"] = [room.Workshop.CityId]
        };
        string[] readModels = ["ballots", "workshops", "proposals", "decisions", "organisations"];

        var calls = 0;
        var leaks = new List<string>();
        foreach (var path in document.RootElement.GetProperty("paths").EnumerateObject())
        {
            // The message catalogue names every group ("Business") as a label for the pages.
            if (!path.Value.TryGetProperty("get", out var get) || path.Name.StartsWith("/api/messages/")) continue;
            var parameters = get.TryGetProperty("parameters", out var p) ? p.EnumerateArray().ToList() : [];
            var queryNames = parameters.Where(x => x.GetProperty("in").GetString() == "query").Select(x => x.GetProperty("name").GetString()!).ToList();
            foreach (var readModel in path.Name.Contains("{readModel}") ? readModels : [""])
            foreach (var roundId in path.Name.Contains("{roundId}") ? [room.Round.RoundId, consent.Round.RoundId] : new[] { room.Round.RoundId })
            {
                var url = System.Text.RegularExpressions.Regex.Replace(path.Name, "{([^}]+)}", m =>
                    m.Groups[1].Value == "readModel" ? readModel : m.Groups[1].Value == "roundId" ? roundId.ToString()
                    : route.GetValueOrDefault(m.Groups[1].Value, Guid.CreateVersion7().ToString()));
                var variants = new List<string> { url };
                foreach (var name in queryNames.Where(query.ContainsKey))
                    variants.AddRange(query[name].Select(value => $"{url}?{name}={value}"));
                foreach (var variant in variants)
                {
                    var response = await facilitator.GetAsync(variant);
                    var body = await response.Content.ReadAsStringAsync();
                    calls++;
                    foreach (var trace in new[] { "\"BUSINESS\"", "\"Business\"", ",BUSINESS,", ",Business,", business.BallotId.ToString(), ballotEvent.Id.ToString(),
                                 objection.BallotId.ToString(), objectionBallotEvent.Id.ToString(), objectionEvent.Id.ToString() })
                        if (body.Contains(trace, StringComparison.Ordinal)) leaks.Add($"{variant} ({(int)response.StatusCode}) shows {trace}");
                }
            }
        }

        (await (await facilitator.GetAsync($"{consent.RoundUrl}/objections")).Read<Api.Features.Voting.ListingObjections.RoundObjections>())
            .Objections.Single().Reason.ShouldBe("Night shifts are left out");
        output.WriteLine($"{calls} GET calls as a facilitator");
        calls.ShouldBeGreaterThan(50);
        leaks.ShouldBeEmpty();
    }
}
