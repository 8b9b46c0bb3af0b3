using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.SignalR.Client;

// A round table in two minutes: a facilitator opens a workshop, three phones join, propose and vote,
// and the projector's SignalR connection receives the live result. Usage: dotnet run -- [base-url]
var baseUrl = new Uri(args.FirstOrDefault() ?? "http://127.0.0.1:5180");
var http = new HttpClient { BaseAddress = baseUrl };

async Task<JsonNode> Send(HttpMethod method, string path, object? body = null, string? token = null)
{
    using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
    if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
    using var response = await http.SendAsync(request);
    var text = await response.Content.ReadAsStringAsync();
    if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{method} {path} → {(int)response.StatusCode}: {text}");
    return JsonNode.Parse(text)!;
}

void Step(string text) => Console.WriteLine($"\n== {text}");

Step("The facilitator of Cluj-Napoca logs in and schedules a round table");
var staff = (string)(await Send(HttpMethod.Post, "/api/auth/login", new { username = "facilitator.cluj", password = "demo-facilitator" }))["accessToken"]!;
const string city = "cluj-napoca";
var workshopId = (string)(await Send(HttpMethod.Post, $"/api/cities/{city}/workshops", new
{
    kind = "POLICY_DESIGN_ROUND_TABLE",
    title = "Round table 2: first jobs for newcomers",
    focusQuestion = new[] { new { lang = "en", text = "What could the city do in the next 12 months so that newcomers find a first job?" } },
    languages = new[] { "en", "ro" },
    agenda = new object[] { new { type = "BRAINSTORM", plannedMinutes = 10 }, new { type = "VOTE", plannedMinutes = 10 } }
}, staff))["value"]!;
var workshop = $"/api/cities/{city}/workshops/{workshopId}";
var opened = await Send(HttpMethod.Post, $"{workshop}/open", new { version = 1 }, staff);
var code = (string)opened["joinCode"]!;
var version = (int)opened["version"]!;
Console.WriteLine($"Join code on the screen: {code}  (QR: {baseUrl}{workshop.TrimStart('/')}/join-qr)");

Step("The projector connects to the live feed");
await using var projector = new HubConnectionBuilder()
    .WithUrl(new Uri(baseUrl, "/hubs/collab"), o => o.AccessTokenProvider = () => Task.FromResult<string?>(staff))
    .Build();
var finalResult = new TaskCompletionSource<JsonNode>();
projector.On<JsonNode>("WorkshopMessage", message =>
{
    var type = (string)message["type"]!;
    Console.WriteLine($"   projector ← #{message["position"]} {type}");
    if (type == "round.tallied")
    {
        foreach (var option in message["data"]!["options"]!.AsArray())
            Console.WriteLine($"      {option!["rank"]}. {option["label"]}  {option["score"]} dots");
        if ((string)message["data"]!["status"]! == "CLOSED") finalResult.TrySetResult(message["data"]!);
    }
});
await projector.StartAsync();
await projector.InvokeAsync("JoinWorkshop", city, Guid.Parse(workshopId));

Step("Three phones join with the code (no account)");
var phones = new List<string>();
foreach (var (group, lang) in new[] { ("MIGRANT_LED_ORGANISATION", "ro"), ("RESIDENT", "en"), ("BUSINESS", "en") })
{
    var found = await Send(HttpMethod.Get, $"/api/join/{code}");
    var joined = await Send(HttpMethod.Post, (string)found["joinUrl"]!, new { joinCode = code, group, preferredLanguage = lang });
    phones.Add((string)joined["accessToken"]!);
    Console.WriteLine($"   phone joined as {group} ({lang})");
}

Step("Brainstorm: each phone proposes");
var board = await Send(HttpMethod.Get, $"{workshop}/board", token: staff);
var brainstorm = (string)board["agenda"]![0]!["phaseId"]!;
var vote = (string)board["agenda"]![1]!["phaseId"]!;
version = (int)(await Send(HttpMethod.Post, $"{workshop}/phases/{brainstorm}/start", new { version }, staff))["version"]!;
string[] ideas = ["Mentoring pairs with local employers", "Fast-track recognition of qualifications", "Language-for-work evening classes"];
var proposals = new List<string>();
for (var i = 0; i < 3; i++)
    proposals.Add((string)(await Send(HttpMethod.Post, $"{workshop}/proposals", new { text = new { lang = "en", text = ideas[i] } }, phones[i]))["value"]!);

Step("Vote: dot voting, 5 dots, at most 3 per option, results live");
version = (int)(await Send(HttpMethod.Post, $"{workshop}/phases/{vote}/start", new { version }, staff))["version"]!;
var round = await Send(HttpMethod.Post, $"{workshop}/rounds", new
{
    question = new[] { new { lang = "en", text = "Which should the city pilot first?" } },
    options = proposals,
    rules = new { method = "DOT", visibility = "LIVE", ballotsChangeable = true, secret = true, dotBudget = 5, maxDotsPerOption = 3 }
}, staff);
var roundId = (string)round["value"]!["roundId"]!;
var options = round["value"]!["options"]!.AsArray().Select(o => (string)o!["optionId"]!).ToArray();
int[][] dots = [[3, 2, 0], [1, 3, 1], [2, 0, 3]];
for (var p = 0; p < 3; p++)
{
    var marks = options.Select((o, i) => new { optionId = o, value = dots[p][i] }).Where(m => m.value > 0).ToArray();
    var accepted = await Send(HttpMethod.Post, $"{workshop}/rounds/{roundId}/ballot", new { marks }, phones[p]);
    Console.WriteLine($"   phone {p + 1}: ballot acknowledged after commit (version {accepted["version"]})");
}
await Send(HttpMethod.Post, $"{workshop}/rounds/{roundId}/close", new { version = 1 }, staff);

Step("The projector shows the final result");
var result = await finalResult.Task.WaitAsync(TimeSpan.FromSeconds(30));
Console.WriteLine($"   {result["ballots"]!["phone"]} phone ballots; tie rule: {result["tieRule"]}");
Console.WriteLine("\nDone.");
