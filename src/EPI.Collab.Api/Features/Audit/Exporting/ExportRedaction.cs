using System.Text.Json;
using EPI.Collab.Api.Features.Participants;
using EPI.Collab.Api.Features.Voting;
using Marten;

namespace EPI.Collab.Api.Features.Audit.Exporting;

/// <summary>
/// Which lines of an export are redacted for a reader without a break-glass grant: every event of a single ballot (or
/// objection) of a secret round, and a ballot cast in a group of fewer than five in its round. A redacted line keeps its
/// sequence, city and chain link (so the chain still verifies across it) and nothing else: no type, stream, time or data.
/// </summary>
public sealed class ExportRedaction(IDocumentStore store)
{
    public static readonly string[] PerBallotTypes = [EventLog.BallotCast, EventLog.BallotChanged, EventLog.ObjectionRaised, EventLog.ObjectionWithdrawn];

    /// <summary>The sequences among <paramref name="rows"/> to redact.</summary>
    public async Task<IReadOnlySet<long>> RedactedAsync(IReadOnlyList<ExportedEvent> rows, CancellationToken ct)
    {
        var redacted = new HashSet<long>();
        foreach (var tenant in rows.Where(r => PerBallotTypes.Contains(r.Type)).GroupBy(r => r.TenantId))
        {
            var parsed = tenant.Select(r => (Row: r, Round: Id(Field(r.Data, "roundId")), Group: Group(Field(r.Data, "group")))).ToList();
            await using var session = store.QuerySession(tenant.Key);
            var secrecy = await BallotSecrecy.LoadAsync(session, [.. parsed.Select(p => p.Round).OfType<Guid>().Distinct()], ct);
            foreach (var (row, round, group) in parsed)
                if (round is not { } r || !secrecy.MayList(r) || row.Type == EventLog.BallotCast && (group is not { } g || !secrecy.MayShowGroup(r, g)))
                    redacted.Add(row.Sequence);
        }
        return redacted;
    }

    private static string? Field(string data, string name)
    {
        using var json = JsonDocument.Parse(data);
        return json.RootElement.TryGetProperty(name, out var value) ? value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            _ => null
        } : null;
    }

    private static Guid? Id(string? value) => Guid.TryParse(value, out var id) ? id : null;

    private static StakeholderGroup? Group(string? value) =>
        value is null ? null
        : int.TryParse(value, out var n) ? (StakeholderGroup)n
        : Enum.TryParse<StakeholderGroup>(value.Replace("_", ""), ignoreCase: true, out var group) ? group : null;
}
