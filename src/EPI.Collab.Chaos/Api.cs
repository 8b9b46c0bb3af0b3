using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace EPI.Collab.Chaos;

/// <summary>The public API as the drills use it: log in, set up a workshop with open rounds, join phones, read back.</summary>
public sealed class Api(Uri baseUrl)
{
    public const string City = "cluj-napoca";
    public Uri BaseUrl => baseUrl;
    public HttpClient Http { get; } = new() { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(100) };

    /// <summary>
    /// One call; a 503 (database unreachable, or the service's circuit still open just after an outage) is retried as
    /// its Retry-After says, for up to a minute, like a client that respects it.
    /// </summary>
    public async Task<JsonNode> Send(HttpMethod method, string path, object? body = null, string? token = null)
    {
        for (var deadline = DateTime.UtcNow.AddMinutes(1); ;)
        {
            using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
            if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await Http.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            if (response.StatusCode == System.Net.HttpStatusCode.ServiceUnavailable && DateTime.UtcNow < deadline)
            {
                await Task.Delay(response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1));
                continue;
            }
            if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{method} {path} → {(int)response.StatusCode}: {text}");
            return JsonNode.Parse(text)!;
        }
    }

    public async Task<string> Login(string username, string password) =>
        (string)(await Send(HttpMethod.Post, "/api/auth/login", new { username, password }))["accessToken"]!;

    public async Task<Room> OpenRoom(int rounds)
    {
        var staff = await Login("facilitator.cluj", "demo-facilitator");
        var auditor = await Login("auditor", "demo-auditor");
        var workshopId = Guid.Parse((string)(await Send(HttpMethod.Post, $"/api/cities/{City}/workshops", new
        {
            kind = "POLICY_DESIGN_ROUND_TABLE", title = "Chaos drill",
            focusQuestion = new[] { new { lang = "en", text = "Does every acknowledged ballot survive?" } },
            languages = new[] { "en" },
            agenda = new object[] { new { type = "VOTE", plannedMinutes = 30 } }
        }, staff))["value"]!);
        var url = $"/api/cities/{City}/workshops/{workshopId}";
        var joinCode = (string)(await Send(HttpMethod.Post, $"{url}/open", new { version = 1 }, staff))["joinCode"]!;
        var proposals = new List<string>();
        for (var i = 0; i < 3; i++)
            proposals.Add((string)(await Send(HttpMethod.Post, $"{url}/proposals", new { text = new { lang = "en", text = $"Idea {i + 1}" } }, staff))["value"]!);
        var opened = new List<RoomRound>();
        for (var r = 0; r < rounds; r++)
        {
            var round = (await Send(HttpMethod.Post, $"{url}/rounds", new
            {
                question = new[] { new { lang = "en", text = $"Round {r + 1}: which first?" } },
                options = proposals,
                rules = new { method = "APPROVAL", visibility = "LIVE", ballotsChangeable = false, secret = false }
            }, staff))["value"]!;
            opened.Add(new RoomRound(Guid.Parse((string)round["roundId"]!),
                round["options"]!.AsArray().Select(o => Guid.Parse((string)o!["optionId"]!)).ToArray()));
        }
        return new Room(workshopId, url, joinCode, staff, auditor, opened);
    }

    public async Task<string> JoinPhone(Room room)
    {
        var found = await Send(HttpMethod.Get, $"/api/join/{room.JoinCode}");
        return (string)(await Send(HttpMethod.Post, (string)found["joinUrl"]!,
            new { joinCode = room.JoinCode, group = "RESIDENT", preferredLanguage = "en" }))["accessToken"]!;
    }

    /// <summary>Every message of the workshop feed, page by page.</summary>
    public async Task<List<JsonNode>> Feed(Room room, long after = 0)
    {
        var all = new List<JsonNode>();
        while (true)
        {
            var page = (await Send(HttpMethod.Get, $"{room.Url}/feed?after={after}", token: room.Staff)).AsArray();
            if (page.Count == 0) return all;
            all.AddRange(page.Select(m => m!));
            after = (long)page[^1]!["position"]!;
        }
    }
}

public sealed record RoomRound(Guid RoundId, Guid[] Options);

public sealed record Room(Guid WorkshopId, string Url, string JoinCode, string Staff, string Auditor, IReadOnlyList<RoomRound> Rounds);
