using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace EPI.Collab.Chaos;

/// <summary>An acknowledged ballot as the client saw it: the key it sent and the answer it got after the commit.</summary>
public sealed record Ack(string Key, Guid RoundId, Guid BallotId, int Version);

/// <summary>
/// Clients casting ballots as fast as the service answers, each with an Idempotency-Key. A ballot that gets no answer
/// (connection refused or reset, timeout, 5xx) is sent again with the same key until it is acknowledged; the ledger
/// records each acknowledgement. Now and then a client sends an acknowledged key again and checks that the answer is
/// the same ballot, marked as a replay.
/// </summary>
public sealed class BallotStorm(Func<Uri> target, Room room, int workers, Func<int, string>? tokenOf = null)
{
    public ConcurrentDictionary<string, Ack> Ledger { get; } = new();
    private readonly ConcurrentQueue<string> _problems = new();
    private readonly CancellationTokenSource _stopNew = new();
    private readonly List<Task> _tasks = [];
    private long _attempts, _retries, _replays;
    public long Attempts => Interlocked.Read(ref _attempts);
    public long Retries => Interlocked.Read(ref _retries);
    public long ReplaysChecked => Interlocked.Read(ref _replays);
    public IReadOnlyCollection<string> Problems => _problems;
    public int Count => Ledger.Count;

    public void Start()
    {
        for (var w = 0; w < workers; w++)
        {
            var worker = w;
            _tasks.Add(Task.Run(() => Work(worker)));
        }
    }

    /// <summary>Stops starting new ballots; every ballot already sent is retried until it is acknowledged.</summary>
    public async Task Drain(TimeSpan timeout)
    {
        await _stopNew.CancelAsync();
        await Task.WhenAll(_tasks).WaitAsync(timeout);
    }

    public async Task WaitForMore(int more, TimeSpan timeout)
    {
        var target = Count + more;
        var watch = Stopwatch.StartNew();
        while (Count < target)
        {
            if (watch.Elapsed > timeout) throw new TimeoutException($"the storm made no progress: {Count} of {target} acknowledged after {timeout}");
            await Task.Delay(50);
        }
    }

    private async Task Work(int worker)
    {
        using var http = new HttpClient(new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(2) }) { Timeout = TimeSpan.FromSeconds(30) };
        var token = tokenOf?.Invoke(worker) ?? room.Staff;
        var assisted = tokenOf is null;
        var random = new Random(worker);
        var mine = new List<(Ack Ack, object Marks)>();
        for (var n = 0; !_stopNew.IsCancellationRequested; n++)
        {
            if (!assisted && n >= room.Rounds.Count) break; // a phone votes once per round
            var round = room.Rounds[(worker + n) % room.Rounds.Count];
            var key = $"w{worker}-n{n}-{Guid.NewGuid():N}";
            var marks = new[] { new { optionId = round.Options[random.Next(round.Options.Length)], value = 1 } };
            var ack = await SendUntilAcknowledged(http, token, assisted, round, key, marks);
            if (ack is null) return;
            Ledger[key] = ack;
            mine.Add((ack, marks));
            if (random.Next(20) == 0 && mine[random.Next(mine.Count)] is var (earlier, sent)) await CheckReplay(http, token, assisted, earlier, sent);
        }
    }

    private async Task<Ack?> SendUntilAcknowledged(HttpClient http, string token, bool assisted, RoomRound round, string key, object marks)
    {
        var giveUp = Stopwatch.StartNew();
        for (var attempt = 0; ; attempt++)
        {
            if (attempt > 0)
            {
                Interlocked.Increment(ref _retries);
                await Task.Delay(Math.Min(1000, 50 * attempt));
            }
            if (giveUp.Elapsed > TimeSpan.FromMinutes(3))
            {
                _problems.Enqueue($"ballot {key} was never acknowledged within 3 minutes");
                return null;
            }
            var (status, body, _) = await Post(http, token, assisted, round, key, marks);
            if (status == HttpStatusCode.OK)
                return new Ack(key, round.RoundId, Guid.Parse((string)body!["ballotId"]!), (int)body["version"]!);
            if (status is null or >= HttpStatusCode.InternalServerError or HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests) continue;
            _problems.Enqueue($"ballot {key}: refused with {(int)status}: {body?.ToJsonString()}");
            return null;
        }
    }

    private async Task CheckReplay(HttpClient http, string token, bool assisted, Ack ack, object marks)
    {
        var round = room.Rounds.First(r => r.RoundId == ack.RoundId);
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var (status, body, replayed) = await Post(http, token, assisted, round, ack.Key, marks);
            if (status is null or >= HttpStatusCode.InternalServerError) { await Task.Delay(200); continue; }
            Interlocked.Increment(ref _replays);
            if (status != HttpStatusCode.OK || Guid.Parse((string)body!["ballotId"]!) != ack.BallotId || !replayed)
                _problems.Enqueue($"replay of {ack.Key} answered {(int)status} {body?.ToJsonString()} (replayed: {replayed}), not ballot {ack.BallotId}");
            return;
        }
    }

    private async Task<(HttpStatusCode?, JsonNode?, bool)> Post(HttpClient http, string token, bool assisted, RoomRound round, string key, object marks)
    {
        Interlocked.Increment(ref _attempts);
        var path = $"{room.Url}/rounds/{round.RoundId}/" + (assisted ? "assisted-ballots" : "ballot");
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(target(), path))
        {
            Content = JsonContent.Create(assisted ? new { group = "RESIDENT", marks } : (object)new { marks })
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Headers.Add("Idempotency-Key", key);
        try
        {
            using var response = await http.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            JsonNode? body = null;
            try { body = text.Length > 0 ? JsonNode.Parse(text) : null; } catch (System.Text.Json.JsonException) { }
            return (response.StatusCode, body, response.Headers.TryGetValues("Idempotent-Replayed", out var v) && v.Contains("true"));
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
        {
            return (null, null, false);
        }
    }
}
