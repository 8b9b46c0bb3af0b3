using System.Globalization;
using System.Text;
using EPI.Collab.Api.Features.Decisions;
using EPI.Collab.Api.Features.Organisations;
using EPI.Collab.Api.Features.Proposals.GettingDetails;
using EPI.Collab.Api.Features.Voting;
using EPI.Collab.Api.Features.Workshops.ListingWorkshops;
using EPI.Collab.Api.Infrastructure;
using EPI.Collab.Api.Infrastructure.Auth;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace EPI.Collab.Api.Features.Audit.Exporting;

/// <summary>A read model as CSV: its header and how one document becomes a row, streamed from a tenant-scoped session.</summary>
public sealed record CsvExport(string[] Header, Func<IQuerySession, IAsyncEnumerable<object?[]>> Rows);

public static class ExportReadModelEndpoint
{
    public static readonly IReadOnlyDictionary<string, CsvExport> ReadModels = new Dictionary<string, CsvExport>
    {
        ["workshops"] = Export<CityWorkshop>(["id", "kind", "title", "languages", "startsAt", "endsAt", "status", "scheduledAt", "version"],
            w => [w.Id, w.Kind, w.Title, string.Join(';', w.Languages), w.StartsAt, w.EndsAt, w.Status, w.ScheduledAt, w.Version]),
        // No texts: they are personal data sealed under their authors' keys (read them through the API, revealed for staff and
        // for auditors under a break-glass grant, or in a subject-access export).
        ["proposals"] = Export<ProposalDetails>(["id", "workshopId", "authorRole", "policyAreas", "status", "currentVersion", "lang",
                "clusterId", "mergedInto", "hidden", "submittedAt"],
            p => [p.Id, p.WorkshopId, p.AuthorRole, string.Join(';', p.PolicyAreaCodes), p.Status, p.CurrentVersion,
                p.Versions[^1].Text?.Lang, p.ClusterId, p.MergedInto, p.Hidden, p.SubmittedAt]),
        ["decisions"] = Export<DecisionRecord>(["id", "workshopId", "rounds", "ruleApplied", "adopted", "rationale", "decidedByRole", "decidedAt"],
            d => [d.Id, d.WorkshopId, string.Join(';', d.RoundIds), d.RuleApplied,
                string.Join(';', d.Adopted.Select(a => $"{a.ProposalId}@{a.ProposalVersion}")), d.Rationale.Text, d.DecidedByRole, d.DecidedAt]),
        // Secret rounds' ballots are left out (their results are the aggregate); a group under five in a round is left blank.
        ["ballots"] = new(["id", "roundId", "workshopId", "marks", "group", "channel", "version"], BallotRows),
        ["organisations"] = Export<Organisation>(["id", "name", "type", "level", "isProjectPartner", "registeredAt", "lastChangedAt", "version"],
            o => [o.Id, o.Name, o.Type, o.Level, o.IsProjectPartner, o.RegisteredAt, o.LastChangedAt, o.Version]),
    };

    /// <summary>One of the city's read models (<see cref="ReadModels"/>) as CSV with a header row; 404 for any other name.</summary>
    [WolverineGet("/api/cities/{cityId}/audit/export/{readModel}.csv", OperationId = "ExportAuditReadModel")]
    [Authorize(Policy = Policies.CityReader), Tags("Audit")]
    [ProducesResponseType(typeof(Stream), StatusCodes.Status200OK, "text/csv")]
    public static IResult Get(string readModel, IQuerySession session, CancellationToken ct) =>
        ReadModels.TryGetValue(readModel, out var export)
            ? Results.Stream(body => WriteAsync(body, export, session, ct), "text/csv; charset=utf-8",
                $"{readModel}.csv")
            : Results.NotFound();

    private static async IAsyncEnumerable<object?[]> BallotRows(IQuerySession session)
    {
        var secrecy = await BallotSecrecy.LoadAllAsync(session, CancellationToken.None);
        await foreach (var b in session.Query<Ballot>().ToAsyncEnumerable())
            if (secrecy.MayList(b.RoundId))
                yield return [b.Id, b.RoundId, b.WorkshopId, string.Join(';', b.Marks.Select(m => $"{m.OptionId}={m.Value}")),
                    secrecy.MayShowGroup(b.RoundId, b.Group) ? ApiJson.ToElement(b.Group).GetString() : null, b.Channel, b.Version];
    }

    private static CsvExport Export<T>(string[] header, Func<T, object?[]> row) where T : notnull =>
        new(header, session => session.Query<T>().ToAsyncEnumerable().Select(row));

    private static async Task WriteAsync(Stream body, CsvExport export, IQuerySession session, CancellationToken ct)
    {
        await using var writer = new StreamWriter(body, new UTF8Encoding(false), 64 * 1024);
        await writer.WriteAsync(Line(export.Header));
        var count = 0;
        await foreach (var row in export.Rows(session).WithCancellation(ct))
        {
            await writer.WriteAsync(Line(row));
            if (++count % 1000 == 0) await writer.FlushAsync(ct);
        }
        await writer.FlushAsync(ct);
    }

    public static string Line(IEnumerable<object?> fields) => string.Join(',', fields.Select(Field)) + "\r\n";

    /// <summary>RFC 4180: a field with a comma, quote or line break is quoted, and its quotes doubled.</summary>
    public static string Field(object? value)
    {
        var text = value switch
        {
            null => "",
            DateTimeOffset at => at.ToString("O", CultureInfo.InvariantCulture),
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString() ?? ""
        };
        return text.AsSpan().IndexOfAny(",\"\r\n") < 0 ? text : $"\"{text.Replace("\"", "\"\"")}\"";
    }
}
