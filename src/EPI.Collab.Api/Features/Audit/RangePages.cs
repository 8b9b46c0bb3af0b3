using Marten;

namespace EPI.Collab.Api.Features.Audit;

/// <summary>
/// For the async daemon's consumers that read the log's rows themselves (<see cref="ChainKeeper"/>, the stored folds of
/// time travel): they ask the daemon for ranges only, so it loads and deserialises no event for them (issue #15: those
/// loads were the largest stage of a ballot storm's CPU once the group commit was lean), and they commit their work
/// in chunks of their own.
/// </summary>
public static class RangePages
{
    /// <summary>No event is ever of this type: a subscription asking for it alone gets pages that are ranges without events.</summary>
    public sealed record RangesOnly;

    /// <summary>
    /// Stores one chunk of a page's work: the range's last chunk in the daemon's batch, committed with the consumer's
    /// progress; an earlier one in a session of its own, committed now. With no event to count, the daemon hands a
    /// ranges-only consumer everything up to the high-water mark in one page (after a restart, a restore or a storm), and
    /// that never becomes one transaction. A stop in between leaves work stored ahead of the progress: the consumer then
    /// does that range again, and both store by id (the chain resumes from its last link), so nothing is stored twice.
    /// </summary>
    public static async Task StoreAsync(IDocumentOperations daemon, bool last, Action<IDocumentOperations> store, CancellationToken ct)
    {
        if (last)
        {
            store(daemon);
            return;
        }
        await using var session = daemon.DocumentStore.LightweightSession();
        store(session);
        await session.SaveChangesAsync(ct);
    }
}
