using System.Reflection;
using System.Runtime.CompilerServices;
using JasperFx.Events;
using JasperFx.Events.Projections;
using Marten;
using Marten.Events.Projections;
using Marten.Internal;

namespace EPI.Collab.Api.Features.Audit.TimeTravel;

/// <summary>The state of stream <paramref name="StreamId"/> once it reached <paramref name="Version"/> (a multiple of K).</summary>
public sealed record StoredState<T>(string Id, Guid StreamId, long Version, T State)
{
    public static string IdOf(Guid streamId, long version) => $"{streamId:N}:{version}";
}

/// <summary>
/// Periodic stored states for time travel (issue #7, S5): for the stream types registered here, the state at every K-th
/// version is written inline, in the transaction that appends the K-th event, so an as-of read is the nearest stored state
/// at or before the version plus a fold of at most K − 1 events, fetched together in one batched query. The stored states
/// are a projection (rebuildable from the events) and only an optimisation: a missing one makes a read fold from the
/// nearest earlier one (or the start), never answer differently. K is <c>TimeTravel:StoredStateEvery</c>.
/// </summary>
public sealed class StoredStates
{
    public const int DefaultEvery = 4;

    private static readonly ConditionalWeakTable<StoreOptions, StoredStates> ByStore = new();

    public StoredStates(int every) =>
        Every = every >= 1 ? every : throw new ArgumentOutOfRangeException(nameof(every), every, "TimeTravel:StoredStateEvery must be 1 or more.");

    /// <summary>K: a state is stored at versions K, 2K, 3K, …</summary>
    public int Every { get; }

    /// <summary>Keeps stored states of the streams folded into <typeparamref name="T"/> by <paramref name="foldedBy"/> (its projection, or T).</summary>
    public StoredStates Keep<T>(StoreOptions opts, Type foldedBy) where T : class
    {
        opts.Schema.For<StoredState<T>>().Index(x => x.StreamId);
        opts.Projections.Add(new StoredStatesProjection<T>(Every, EventTypes<T>(foldedBy)), ProjectionLifecycle.Inline,
            $"StoredStates:{typeof(T).Name}");
        ByStore.AddOrUpdate(opts, this);
        return this;
    }

    /// <summary>The stored-state settings of the store a session belongs to (the default when it keeps none).</summary>
    public static StoredStates Of(IQuerySession session) =>
        ByStore.TryGetValue(((IMartenSession)session).Options, out var states) ? states : new StoredStates(DefaultEvery);

    /// <summary>
    /// The state of a stream at <paramref name="version"/>, as <c>AggregateStreamAsync(id, version:)</c> folds it: the stored
    /// state at ⌊version ÷ K⌋·K and the events after it up to the version, in one round trip.
    /// </summary>
    public static async Task<T?> AggregateAsync<T>(IQuerySession session, Guid streamId, long version, CancellationToken ct) where T : class
    {
        var every = Of(session).Every;
        var at = version / every * every;
        if (at == 0) return await session.Events.AggregateStreamAsync<T>(streamId, version: version, token: ct);
        var batch = session.CreateBatchQuery();
        var stored = batch.Load<StoredState<T>>(StoredState<T>.IdOf(streamId, at));
        var following = version > at ? batch.Events.FetchStream(streamId, version: version, fromVersion: at + 1) : null;
        await batch.Execute(ct);
        if (await stored is not { } state) return await FromNearestAsync<T>(session, streamId, version, ct);
        if (following is null) return state.State;
        var events = await following;
        if (events.Count == 0 || events[^1].Version < version) return null;
        return await Aggregator<T>(session).BuildAsync(events, session, state.State, ct);
    }

    /// <summary>When the state at ⌊version ÷ K⌋·K is not stored (K changed, or a plain append skipped it): the nearest stored one.</summary>
    private static async Task<T?> FromNearestAsync<T>(IQuerySession session, Guid streamId, long version, CancellationToken ct) where T : class
    {
        var nearest = await session.Query<StoredState<T>>().Where(x => x.StreamId == streamId && x.Version <= version)
            .OrderByDescending(x => x.Version).FirstOrDefaultAsync(ct);
        return nearest is null
            ? await session.Events.AggregateStreamAsync<T>(streamId, version: version, token: ct)
            : await session.Events.AggregateStreamAsync(streamId, version: version, state: nearest.State, fromVersion: nearest.Version + 1,
                token: ct);
    }

    internal static JasperFx.Events.Aggregation.IAggregator<T, IQuerySession> Aggregator<T>(IQuerySession session) where T : class =>
        ((IMartenSession)session).Options.Projections.AggregatorFor<T>();

    /// <summary>The event types a fold handles: the first parameter of its Create/Apply/ShouldDelete methods.</summary>
    internal static IReadOnlySet<Type> EventTypes<T>(Type foldedBy) =>
        new HashSet<Type>(new[] { foldedBy, typeof(T) }.Distinct()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            .Where(m => m.Name is "Create" or "Apply" or "ShouldDelete" && m.GetParameters().Length >= 1)
            .Select(m => m.GetParameters()[0].ParameterType)
            .Select(p => p.IsGenericType && p.GetGenericTypeDefinition() == typeof(IEvent<>) ? p.GetGenericArguments()[0] : p)
            .Where(p => p != typeof(T) && !p.IsAssignableTo(typeof(IQuerySession))));
}

/// <summary>
/// Writes <see cref="StoredState{T}"/> for every multiple of K that the appended events of a stream reach. Only streams
/// whose new versions are known before the commit are handled: a new stream, or an append with an expected version (what
/// Wolverine's aggregate workflow and <c>Append(id, expectedVersion, …)</c> do; the server rejects the transaction if the
/// version was not that). With Marten's quick append a plain append's versions are assigned by the server, so it writes
/// nothing (reads then fold from the nearest earlier state). In a rebuild, events come from the log with their versions.
/// </summary>
public sealed class StoredStatesProjection<T>(int every, IReadOnlySet<Type> eventTypes) : IProjection where T : class
{
    public async Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken cancellation)
    {
        // Every commit passes through here (a ballot storm's too): most carry none of T's events.
        if (!events.Any(e => eventTypes.Contains(e.EventType))) return;
        Dictionary<Guid, JasperFx.Events.StreamAction>? pending = null;
        foreach (var stream in events.GroupBy(e => e.StreamId))
        {
            if (!stream.Any(e => eventTypes.Contains(e.EventType))) continue;
            var appended = stream.OrderBy(e => e.Version).ToList();
            var (first, last) = (appended[0].Version, appended[^1].Version);
            if (first < 1 || last / every * every < first) continue; // no multiple of K among the new versions
            pending ??= operations is IDocumentSession session
                ? session.PendingChanges.Streams().GroupBy(s => s.Id).ToDictionary(g => g.Key, g => g.First())
                : [];
            if (pending.TryGetValue(stream.Key, out var action) && action.ActionType != StreamActionType.Start
                && action.ExpectedVersionOnServer is null) continue; // versions not known until the server assigns them
            var state = first > 1 ? await StoredStates.AggregateAsync<T>(operations, stream.Key, first - 1, cancellation) : null;
            var aggregator = StoredStates.Aggregator<T>(operations);
            var from = 0;
            for (var boundary = (first + every - 1) / every * every; boundary <= last; boundary += every)
            {
                var upTo = appended.FindIndex(from, e => e.Version == boundary);
                if (upTo < 0) break; // a gap: not the stream's own consecutive versions
                state = await aggregator.BuildAsync(appended.GetRange(from, upTo + 1 - from), operations, state, cancellation);
                from = upTo + 1;
                if (state is not null) operations.Store(new StoredState<T>(StoredState<T>.IdOf(stream.Key, boundary), stream.Key, boundary, state));
            }
        }
    }
}
