using Marten;
using Marten.Services;
using Npgsql;

namespace EPI.Collab.Api.Infrastructure;

/// <summary>
/// "These streams changed", told to every node: the per-node caches (<see cref="NoticedCache{T}"/>) forget what changed.
/// A commit that appends an event of a noticed type (<see cref="StreamNoticeRegistration.NoticeChangesOf"/>) sends
/// <c>pg_notify</c> in its own transaction, so PostgreSQL delivers it to every listening node exactly when it commits,
/// and the committing node forgets its own copy before the commit returns. While the LISTEN connection is down the
/// caches hold nothing (every read goes to the database) and forget everything when it comes back, so a missed
/// notice can never leave a stale entry behind.
/// </summary>
public sealed class StreamNotices(IConfiguration configuration, ILogger<StreamNotices> logger) : BackgroundService
{
    public const string Channel = "epi_stream_changed";

    /// <summary>The most ids in one notice (PostgreSQL's payload limit is 8,000 bytes; a GUID is 36 characters).</summary>
    public const int IdsPerNotice = 200;

    private volatile bool _listening;

    /// <summary>True while this node receives every notice; caches may keep entries only then.</summary>
    public bool Listening => _listening;

    /// <summary>A stream changed (here or on another node).</summary>
    public event Action<Guid>? Changed;

    /// <summary>Notices may have been missed: forget everything.</summary>
    public event Action? Lost;

    public void Forget(Guid streamId) => Changed?.Invoke(streamId);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(Persistence.ConnectionString(configuration));
                await connection.OpenAsync(stoppingToken);
                connection.Notification += (_, e) =>
                {
                    foreach (var id in e.Payload.Split(','))
                        if (Guid.TryParse(id, out var streamId)) Forget(streamId);
                };
                await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection)) await listen.ExecuteNonQueryAsync(stoppingToken);
                Lost?.Invoke(); // whatever was cached before this connection listened may have missed a notice
                _listening = true;
                while (!stoppingToken.IsCancellationRequested) await connection.WaitAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "Stream notices: the LISTEN connection failed; caches read through until it is back");
            }
            finally
            {
                _listening = false;
                Lost?.Invoke();
            }
            await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    /// <summary>The Marten side: sends the notice inside the commit and forgets locally after it.</summary>
    internal sealed class Sender : DocumentSessionListenerBase
    {
        public HashSet<Type> Noticed { get; } = [];

        /// <summary>This node's notices (null in tools that configure a store without the service's container).</summary>
        public StreamNotices? Local { get; set; }

        public override Task BeforeSaveChangesAsync(IDocumentSession session, CancellationToken token)
        {
            foreach (var chunk in ChangedStreams(session.PendingChanges.Streams()).Chunk(IdsPerNotice))
                session.QueueSqlCommand("select pg_notify(?, ?)", Channel, string.Join(',', chunk));
            return Task.CompletedTask;
        }

        public override Task AfterCommitAsync(IDocumentSession session, IChangeSet commit, CancellationToken token)
        {
            if (Local is { } local)
                foreach (var id in ChangedStreams(commit.GetStreams())) local.Forget(id);
            return Task.CompletedTask;
        }

        private IEnumerable<Guid> ChangedStreams(IEnumerable<JasperFx.Events.StreamAction> streams) =>
            Noticed.Count == 0 ? [] : streams.Where(s => s.Events.Any(e => Noticed.Contains(e.EventType))).Select(s => s.Id).Distinct();
    }
}

public static class StreamNoticeRegistration
{
    /// <summary>A commit appending one of these events tells every node's caches that its stream changed.</summary>
    public static StoreOptions NoticeChangesOf(this StoreOptions opts, params Type[] eventTypes)
    {
        SenderOf(opts).Noticed.UnionWith(eventTypes);
        return opts;
    }

    /// <summary>Connects the store's notice sender to this node's <see cref="StreamNotices"/>.</summary>
    internal static void ConnectNotices(this StoreOptions opts, StreamNotices local) => SenderOf(opts).Local = local;

    private static StreamNotices.Sender SenderOf(StoreOptions opts)
    {
        var sender = opts.Listeners.OfType<StreamNotices.Sender>().SingleOrDefault();
        if (sender is null) opts.Listeners.Add(sender = new StreamNotices.Sender());
        return sender;
    }
}
