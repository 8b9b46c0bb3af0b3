using EPI.Collab.Api.Features.Cities;
using EPI.Collab.Api.Features.Cities.GettingFeed;
using EPI.Collab.Api.Features.Voting;
using EPI.Collab.Api.Features.Voting.GettingResults;
using EPI.Collab.Api.Features.Workshops;
using EPI.Collab.Api.Features.Workshops.GettingBoard;
using EPI.Collab.Api.Features.Workshops.GettingFeed;
using EPI.Collab.Api.Features.Workshops.ListingWorkshops;
using EPI.Collab.Api.Infrastructure;
using JasperFx.Events;
using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using Marten.Services;
using Marten.Subscriptions;
using Microsoft.AspNetCore.SignalR;

namespace EPI.Collab.Api.Realtime;

/// <summary>
/// The single relay from committed events to clients: a Marten subscription run by the async daemon, which hands
/// it events in sequence order behind the high-water mark. As the only writer of boards and feeds it gives every
/// workshop message the next position, stores it with the board in the same transaction as its own progress,
/// and pushes it over SignalR after that commit. High-rate changes are coalesced to one message per batch.
/// </summary>
public sealed class LiveRelay : SubscriptionBase
{
    /// <summary>Results are recounted and pushed at most this often; ballots arriving meanwhile join the next batch.</summary>
    public static readonly TimeSpan RecountInterval = TimeSpan.FromMilliseconds(250);

    private readonly IHubContext<CollabHub, ICollabClient> _hub;
    private readonly System.Diagnostics.Stopwatch _sinceRecount = System.Diagnostics.Stopwatch.StartNew();

    public LiveRelay(IHubContext<CollabHub, ICollabClient> hub)
    {
        _hub = hub;
        Name = "LiveRelay";
        Options.BatchSize = 1000;
    }

    public override async Task<IChangeListener> ProcessEventsAsync(EventRange page, ISubscriptionController controller,
        IDocumentOperations operations, CancellationToken cancellationToken)
    {
        var batch = new RelayBatch(operations);
        foreach (var e in page.Events)
        {
            if (e.Data is ICityEvent cityEvent) await batch.AppendCity(e.TenantId, cityEvent, e.Timestamp, cancellationToken);
            switch (e.Data)
            {
                case WorkshopScheduled scheduled:
                    batch.CityPushes.Add((scheduled.CityId, CityWorkshopProjection.Create(scheduled)));
                    batch.Start(e.TenantId, WorkshopBoardFold.Create(scheduled));
                    break;
                case IWorkshopEvent workshopEvent when await batch.Board(e.TenantId, workshopEvent.WorkshopId, cancellationToken) is { } board:
                    var (changed, change) = WorkshopBoardFold.Apply(board, e.Data);
                    batch.Fold(e.TenantId, changed, change, e.Timestamp);
                    if (RoundToRecount(e.Data) is { } roundId) batch.Recount(workshopEvent.WorkshopId, roundId);
                    break;
            }
        }
        if (batch.HasRecounts)
        {
            // A vote storm becomes a few tallies a second: wait out the interval, then count what is committed by then.
            var wait = RecountInterval - _sinceRecount.Elapsed;
            if (wait > TimeSpan.Zero) await Task.Delay(wait, cancellationToken);
            _sinceRecount.Restart();
        }
        return await batch.Commit(_hub, cancellationToken);
    }

    /// <summary>Events that change a round's results; visible results are recounted once per batch.</summary>
    public static Guid? RoundToRecount(object data) => data switch
    {
        BallotCast e => e.RoundId,
        BallotChanged e => e.RoundId,
        PaperTallyEntered e => e.RoundId,
        RoundClosed e => e.RoundId,
        _ => null
    };

    /// <summary>The boards touched by one page of events and the messages they produce.</summary>
    private sealed class RelayBatch(IDocumentOperations operations)
    {
        private readonly Dictionary<Guid, (string Tenant, WorkshopBoard Board)> _boards = [];
        private readonly Dictionary<(Guid, string), (BoardChange Change, DateTimeOffset At)> _coalesced = [];
        private readonly HashSet<(Guid WorkshopId, Guid RoundId)> _recount = [];
        private readonly List<WorkshopMessage> _messages = [];
        private readonly Dictionary<string, (string Tenant, CityFeedHead Head)> _cityHeads = [];
        private readonly List<CityMessage> _cityMessages = [];
        public List<(string CityId, CityWorkshop Workshop)> CityPushes { get; } = [];

        public async Task AppendCity(string tenant, ICityEvent e, DateTimeOffset at, CancellationToken ct)
        {
            if (!_cityHeads.TryGetValue(e.CityId, out var known))
                known = (tenant, await operations.ForTenant(tenant).LoadAsync<CityFeedHead>(e.CityId, ct) ?? new CityFeedHead(e.CityId, 0));
            var position = known.Head.Position + 1;
            _cityHeads[e.CityId] = (tenant, known.Head with { Position = position });
            _cityMessages.Add(new CityMessage(CityMessage.IdFor(e.CityId, position), e.CityId, position, CityMessage.TypeOf(e),
                ApiJson.ToElement(e), at));
        }

        public void Start(string tenant, WorkshopBoard board) => _boards[board.Id] = (tenant, board);

        public async Task<WorkshopBoard?> Board(string tenant, Guid workshopId, CancellationToken ct)
        {
            if (_boards.TryGetValue(workshopId, out var known)) return known.Board;
            var loaded = await operations.ForTenant(tenant).LoadAsync<WorkshopBoard>(workshopId, ct);
            if (loaded is not null) _boards[workshopId] = (tenant, loaded);
            return loaded;
        }

        public void Fold(string tenant, WorkshopBoard board, BoardChange? change, DateTimeOffset at)
        {
            _boards[board.Id] = (tenant, board);
            if (change is null) return;
            if (change.CoalesceKey is { } key) _coalesced[(board.Id, key)] = (change, at);
            else Append(board.Id, change, at);
        }

        private void Append(Guid workshopId, BoardChange change, DateTimeOffset at)
        {
            var (tenant, board) = _boards[workshopId];
            var position = board.Position + 1;
            _boards[workshopId] = (tenant, board with { Position = position });
            _messages.Add(new WorkshopMessage(WorkshopMessage.IdFor(workshopId, position), workshopId, position, change.Type,
                ApiJson.ToElement(change.Data), at));
        }

        public void Recount(Guid workshopId, Guid roundId) => _recount.Add((workshopId, roundId));

        public bool HasRecounts => _recount.Count > 0;

        public async Task<IChangeListener> Commit(IHubContext<CollabHub, ICollabClient> hub, CancellationToken ct)
        {
            foreach (var (workshopId, roundId) in _recount)
            {
                var session = operations.ForTenant(_boards[workshopId].Tenant);
                if (await session.LoadAsync<VotingRound>(roundId, ct) is not { ResultsVisible: true } round) continue;
                var results = await GetRoundResultsEndpoint.CountAsync(session, round, ct);
                var (tenant, board) = _boards[workshopId];
                _boards[workshopId] = (tenant, VotingBoardFold.WithResults(board, results));
                _coalesced[(workshopId, $"round.tallied:{roundId:N}")] = (new BoardChange("round.tallied", results), DateTimeOffset.UtcNow);
            }
            foreach (var ((workshopId, _), (change, at)) in _coalesced) Append(workshopId, change, at);
            foreach (var (tenant, board) in _boards.Values) operations.ForTenant(tenant).Store(board);
            foreach (var message in _messages) operations.ForTenant(_boards[message.WorkshopId].Tenant).Store(message);
            foreach (var (tenant, head) in _cityHeads.Values) operations.ForTenant(tenant).Store(head);
            foreach (var message in _cityMessages) operations.ForTenant(_cityHeads[message.CityId].Tenant).Store(message);
            return new PushAfterCommit(hub, CityPushes, _messages, _cityMessages);
        }
    }

    private sealed class PushAfterCommit(
        IHubContext<CollabHub, ICollabClient> hub, List<(string CityId, CityWorkshop Workshop)> cityPushes, List<WorkshopMessage> messages,
        List<CityMessage> cityMessages) : IChangeListener
    {
        public async Task AfterCommitAsync(IDocumentSession session, IChangeSet commit, CancellationToken token)
        {
            foreach (var (cityId, workshop) in cityPushes)
                await hub.Clients.Group(CollabHub.CityGroup(cityId)).WorkshopScheduled(workshop);
            foreach (var message in messages)
                await hub.Clients.Group(CollabHub.WorkshopGroup(message.WorkshopId)).WorkshopMessage(message);
            foreach (var message in cityMessages)
                await hub.Clients.Group(CollabHub.CityGroup(message.CityId)).CityMessage(message);
        }

        public Task BeforeCommitAsync(IDocumentSession session, IChangeSet commit, CancellationToken token) => Task.CompletedTask;
    }
}

public static class RealtimeConfiguration
{
    public static MartenServiceCollectionExtensions.MartenConfigurationExpression AddRealtimeRelay(
        this MartenServiceCollectionExtensions.MartenConfigurationExpression marten) =>
        marten.AddSubscriptionWithServices<LiveRelay>(ServiceLifetime.Singleton);
}
