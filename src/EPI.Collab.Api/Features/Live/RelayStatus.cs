namespace EPI.Collab.Api.Features.Live;

/// <summary>
/// What the live relay still owes clients (counts and tallies held back by coalescing), as of its last committed
/// batch. Zero once everything the relay has read is stored in the feeds and pushed.
/// </summary>
public sealed class RelayStatus
{
    private (int Owed, long Ceiling) _last;
    private readonly Lock _lock = new();

    /// <summary>Counts and tallies still owed, and the last event sequence the relay committed (both after its commit).</summary>
    public (int Owed, long Ceiling) Last
    {
        get { lock (_lock) return _last; }
    }

    internal void Committed(int owed, long ceiling)
    {
        lock (_lock) _last = (owed, ceiling);
    }
}
