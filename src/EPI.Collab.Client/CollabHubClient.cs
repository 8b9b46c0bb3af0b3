using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace EPI.Collab.Client;

/// <summary>
/// The hub at <c>/hubs/collab</c> (README, "Real time"), typed: the methods a client calls and handlers for the messages
/// the server pushes. Over WebSockets with the bearer token; <see cref="Connection"/> is the raw connection for anything
/// else (reconnect events, timeouts). A refused call fails with a HubException whose message starts with the status
/// ("403: …"); a refused ballot comes back in <see cref="HubBallotAnswer.Problem"/>.
/// </summary>
public sealed class CollabHubClient : IAsyncDisposable
{
    public const string Path = "/hubs/collab";

    public HubConnection Connection { get; }

    /// <param name="configure">More of the builder, e.g. <c>b =&gt; b.WithAutomaticReconnect(policy)</c>.</param>
    /// <param name="skipNegotiation">WebSockets straight away (true: one round trip less; needs a node that speaks WebSockets).</param>
    public CollabHubClient(Uri baseAddress, string token, Action<IHubConnectionBuilder>? configure = null, bool skipNegotiation = true,
        HttpMessageHandler? handler = null)
    {
        var builder = new HubConnectionBuilder().WithUrl(new Uri(baseAddress, Path), o =>
        {
            o.AccessTokenProvider = () => Task.FromResult<string?>(token);
            o.Transports = HttpTransportType.WebSockets;
            o.SkipNegotiation = skipNegotiation;
            if (handler is not null) o.HttpMessageHandlerFactory = _ => handler;
        });
        builder.AddJsonProtocol(o => o.PayloadSerializerOptions = CollabClient.Json);
        configure?.Invoke(builder);
        Connection = builder.Build();
    }

    public Task StartAsync(CancellationToken ct = default) => Connection.StartAsync(ct);

    // Client → server (Realtime/CollabHub.cs).
    public Task FollowCityAsync(string cityId, CancellationToken ct = default) => Connection.InvokeAsync("FollowCity", cityId, ct);
    public Task UnfollowCityAsync(string cityId, CancellationToken ct = default) => Connection.InvokeAsync("UnfollowCity", cityId, ct);
    public Task JoinWorkshopAsync(string cityId, Guid workshopId, CancellationToken ct = default) =>
        Connection.InvokeAsync("JoinWorkshop", cityId, workshopId, ct);
    public Task LeaveWorkshopAsync(Guid workshopId, CancellationToken ct = default) => Connection.InvokeAsync("LeaveWorkshop", workshopId, ct);
    public Task WatchAdmissionAsync(string cityId, Guid workshopId, CancellationToken ct = default) =>
        Connection.InvokeAsync("WatchAdmission", cityId, workshopId, ct);

    /// <summary>The same ballot as <c>CastBallotAsync</c> over HTTP, answered after the durable commit; refusals are answers.</summary>
    public Task<HubBallotAnswer> CastBallotAsync(string cityId, Guid workshopId, Guid roundId, CastBallot ballot, string? idempotencyKey = null,
        CancellationToken ct = default) =>
        Connection.InvokeAsync<HubBallotAnswer>("CastBallot", cityId, workshopId, roundId, ballot, idempotencyKey, ct);

    // Server → client (ICollabClient).
    public IDisposable OnWorkshopMessage(Func<WorkshopMessage, Task> handler) => Connection.On("WorkshopMessage", handler);
    public IDisposable OnWorkshopMessage(Action<WorkshopMessage> handler) => Connection.On("WorkshopMessage", handler);
    public IDisposable OnCityMessage(Action<CityMessage> handler) => Connection.On("CityMessage", handler);
    public IDisposable OnWorkshopScheduled(Action<CityWorkshop> handler) => Connection.On("WorkshopScheduled", handler);
    public IDisposable OnJoinBurst(Action<JoinBurstAlert> handler) => Connection.On("JoinBurst", handler);

    /// <summary>The workshop feed's <c>round.tallied</c> messages with their results typed.</summary>
    public IDisposable OnRoundTallied(Action<WorkshopMessage, RoundResults> handler) => OnWorkshopMessage(message =>
    {
        if (message.Type == WorkshopMessageTypes.RoundTallied) handler(message, message.Data.Deserialize<RoundResults>(CollabClient.Json)!);
    });

    public ValueTask DisposeAsync() => Connection.DisposeAsync();
}

/// <summary>Types of workshop feed messages a client acts on (the README's feed table lists all).</summary>
public static class WorkshopMessageTypes
{
    public const string RoundTallied = "round.tallied";
}

/// <summary>The answer of the hub's CastBallot: accepted (with <see cref="Replayed"/> as HTTP's Idempotent-Replayed) or refused.</summary>
public sealed record HubBallotAnswer(BallotAccepted? Accepted, bool Replayed, HubProblem? Problem)
{
    /// <summary>The acceptance, or a <see cref="CollabApiException"/> carrying the refusal, as the HTTP call would throw it.</summary>
    public BallotAccepted AcceptedOrThrow() => Accepted ?? throw new CollabApiException((HttpStatusCode)(Problem?.Status ?? 500),
        JsonSerializer.SerializeToElement(Problem, CollabClient.Json), $"hub CastBallot → {Problem?.Status}: {Problem?.Code}");
}

/// <summary>A ProblemDetails as the hub sends it.</summary>
public sealed record HubProblem(int Status, string Code, string? Title, string? Detail, string? Stage,
    IReadOnlyDictionary<string, string[]>? Errors, IReadOnlyDictionary<string, string?[]>? FieldCodes);

/// <summary>More joins in a minute than a workshop's cap or printed seats allow (to staff who watch its admission).</summary>
public sealed record JoinBurstAlert(Guid WorkshopId, int Joins, int Refused, int Limit, DateTimeOffset At);
