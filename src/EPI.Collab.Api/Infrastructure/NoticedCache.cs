using System.Collections.Concurrent;
using Marten;

namespace EPI.Collab.Api.Infrastructure;

/// <summary>
/// A per-node cache of one document type by id and city, kept current by <see cref="StreamNotices"/>: the document of
/// a stream (an inline snapshot) is forgotten when its stream gets a noticed event, here or on another node. Hot
/// paths read it instead of the database (a ballot reads its round, key and voter from here). It is a hint, never the
/// last word: whatever it answers is checked again where it matters, inside the commit, against the locked database
/// state. Missing documents are not cached; at <see cref="Capacity"/> entries it starts again from empty.
/// </summary>
public sealed class NoticedCache<T> where T : class
{
    public const int Capacity = 200_000;

    private readonly ConcurrentDictionary<Guid, (string Tenant, T Document)> _entries = new();
    private readonly IDocumentStore _store;
    private readonly StreamNotices _notices;
    private long _epoch;

    public NoticedCache(IDocumentStore store, StreamNotices notices)
    {
        _store = store;
        _notices = notices;
        notices.Changed += Forget;
        notices.Lost += ForgetAll;
    }

    public async ValueTask<T?> GetAsync(string tenant, Guid id, CancellationToken ct)
    {
        // Another city's document under this id is never an answer (city isolation): load it as that city sees it.
        if (_entries.TryGetValue(id, out var cached) && cached.Tenant == tenant) return cached.Document;
        return Keep(tenant, id, Interlocked.Read(ref _epoch), await LoadAsync(tenant, id, ct));
    }

    /// <summary>The database's current document, bypassing (and refreshing) the cache: for a second look before refusing.</summary>
    public async ValueTask<T?> FreshAsync(string tenant, Guid id, CancellationToken ct)
    {
        var epoch = Interlocked.Read(ref _epoch);
        _entries.TryRemove(id, out _);
        return Keep(tenant, id, epoch, await LoadAsync(tenant, id, ct));
    }

    private async Task<T?> LoadAsync(string tenant, Guid id, CancellationToken ct)
    {
        await using var session = _store.QuerySession(tenant);
        return await session.LoadAsync<T>(id, ct);
    }

    /// <summary>Keeps what was loaded, unless a notice (or a lost connection) came in while it was loading.</summary>
    private T? Keep(string tenant, Guid id, long epochBeforeLoad, T? loaded)
    {
        if (loaded is null || !_notices.Listening) return loaded;
        if (_entries.Count >= Capacity) _entries.Clear();
        _entries[id] = (tenant, loaded);
        // A notice between the load and the store above moved the epoch: drop the entry, it may predate that notice.
        if (Interlocked.Read(ref _epoch) != epochBeforeLoad) _entries.TryRemove(id, out _);
        return loaded;
    }

    private void Forget(Guid id)
    {
        Interlocked.Increment(ref _epoch);
        _entries.TryRemove(id, out _);
    }

    private void ForgetAll()
    {
        Interlocked.Increment(ref _epoch);
        _entries.Clear();
    }
}
