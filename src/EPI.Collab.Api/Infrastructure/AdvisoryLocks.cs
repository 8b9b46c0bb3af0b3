using Marten;
using Npgsql;

namespace EPI.Collab.Api.Infrastructure;

/// <summary>
/// PostgreSQL transaction-scoped advisory locks on a GUID. Many writers may hold the shared lock at once;
/// the exclusive lock waits for them to commit and keeps new ones out until its own transaction ends.
/// Call inside a transaction begun with <see cref="IDocumentSession.BeginTransactionAsync"/>.
/// </summary>
public static class AdvisoryLocks
{
    private const int Namespace = 0x45504901;

    public static Task Shared(IDocumentSession session, Guid key, CancellationToken ct) =>
        Take(session, "pg_advisory_xact_lock_shared", key, ct);

    public static Task Exclusive(IDocumentSession session, Guid key, CancellationToken ct) =>
        Take(session, "pg_advisory_xact_lock", key, ct);

    public static int KeyOf(Guid key) => key.GetHashCode();

    private static async Task Take(IDocumentSession session, string function, Guid key, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand($"select {function}(@ns, @key)", session.Connection);
        command.Parameters.AddWithValue("ns", Namespace);
        command.Parameters.AddWithValue("key", KeyOf(key));
        await command.ExecuteNonQueryAsync(ct);
    }
}
