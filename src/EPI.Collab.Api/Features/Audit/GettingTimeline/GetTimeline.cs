using System.ComponentModel.DataAnnotations;
using System.Text.Json.Nodes;
using EPI.Collab.Api.Features.Voting;
using EPI.Collab.Api.Infrastructure;
using EPI.Collab.Api.Infrastructure.Auth;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace EPI.Collab.Api.Features.Audit.GettingTimeline;

/// <param name="Type">The event type in kebab case, e.g. <c>ballot-cast</c>.</param>
/// <param name="Channel">For ballot events: the channel of the ballot (phone or assisted).</param>
/// <param name="Data">The event's fields in the API's spelling (enums UPPER_SNAKE); in a secret round without any participant id.</param>
public sealed record TimelineEntry(Guid EventId, long Sequence, Guid StreamId, long StreamVersion, string Type, DateTimeOffset At,
    string? ActorRole, string? Channel, JsonObject Data);

/// <param name="NextAfter">Pass as <c>after</c> for the next page; null on the last page.</param>
public sealed record AuditTimeline(IReadOnlyList<TimelineEntry> Events, long? NextAfter);

/// <summary>The scope named by the query, or the reason there is none.</summary>
public sealed record TimelineQuery(AuditScope? Scope, ProblemDetails? Problem);

public static class GetTimelineEndpoint
{
    public const int MaxPage = 1000;

    public static async Task<TimelineQuery> LoadAsync(string cityId, Guid? decisionId, Guid? roundId, Guid? workshopId, int? revisionNumber,
        IQuerySession session, CancellationToken ct)
    {
        if (new object?[] { decisionId, roundId, workshopId, revisionNumber }.Count(x => x is not null) != 1)
            return new(null, Problems.RuleViolated("Name exactly one of decisionId, roundId, workshopId or revisionNumber.")
                .WithCode("timeline-subject"));
        var scope = decisionId is { } d ? await AuditScopes.DecisionAsync(session, d, ct)
            : roundId is { } r ? await session.LoadAsync<VotingRound>(r, ct) is null ? null : AuditScopes.Round(r)
            : workshopId is { } w ? new AuditScope([], [], [w], [], [])
            : await AuditScopes.RevisionAsync(session, cityId, revisionNumber!.Value, ct);
        return new(scope, scope is null ? Problems.NotFound("There is no such decision, round, workshop or revision in this city.") : null);
    }

    public static ProblemDetails Validate(TimelineQuery query) => query.Problem ?? WolverineContinue.NoProblems;

    /// <summary>
    /// Every event behind a decision, round, workshop or strategy revision, across all streams of the city, ordered by
    /// global sequence and paged by it (<c>after</c>, <c>limit</c>). The ballots of a secret round are not listed (their
    /// round's aggregate results are); other ballots show their group only when five or more of it are in the round.
    /// </summary>
    [WolverineGet("/api/cities/{cityId}/audit/timeline", OperationId = "GetAuditTimeline")]
    [Authorize(Policy = Policies.CityReader), Tags("Audit")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status422UnprocessableEntity)]
    public static async Task<AuditTimeline> Get(TimelineQuery query, [Range(0, 1_000_000_000_000)] long? after, [Range(1, MaxPage)] int? limit, IQuerySession session, IDocumentStore store,
        CancellationToken ct)
    {
        var page = Math.Clamp(limit ?? 500, 1, MaxPage);
        var rows = await EventLog.ReadAsync(store, session.TenantId, query.Scope!, after ?? 0, long.MaxValue, page + 1, ct);
        var more = rows.Count > page;
        var entries = rows.Take(page).Select(row => (Row: row, Data: EventJson.ToApi(store, row.Type, row.DotNetType, row.Data))).ToList();
        var roundIds = entries.Select(e => RoundOf(e.Data)).OfType<Guid>().Distinct().ToList();
        var secrecy = await BallotSecrecy.LoadAsync(session, roundIds, ct);
        var events = entries.Where(e => !IsPerBallot(e.Row.Type) || RoundOf(e.Data) is { } r && secrecy.MayList(r)).Select(e =>
        {
            // A secret round names nobody (its ballots are not listed at all); a ballot of a round we cannot find is treated as secret.
            if (RoundOf(e.Data) is { } round && !secrecy.MayList(round)) e.Data.Remove("participantId");
            if (IsBallot(e.Row.Type) && e.Data["group"] is JsonValue g && Enum.TryParse<Participants.StakeholderGroup>(
                    g.ToString().Replace("_", ""), ignoreCase: true, out var group) && !secrecy.MayShowGroup(RoundOf(e.Data)!.Value, group))
                e.Data.Remove("group");
            // Who joined in which group is shown only as counts (a lone BUSINESS join would point at the lone BUSINESS ballot).
            if (e.Row.Type == "participant_joined") e.Data.Remove("group");
            return new TimelineEntry(e.Row.Id, e.Row.Sequence, e.Row.StreamId, e.Row.StreamVersion, e.Row.Type.Replace('_', '-'), e.Row.At,
                ActorRole(e.Row.Type, e.Data), EventJson.EnumName<BallotChannel>(e.Row.Channel), e.Data);
        }).ToList();
        return new AuditTimeline(events, more ? entries[^1].Row.Sequence : null);
    }

    private static bool IsBallot(string type) => type is EventLog.BallotCast or EventLog.BallotChanged;

    // An objection of a secret round names its author as the subject of its sealed reason: it is listed only as ballots are.
    private static bool IsPerBallot(string type) => IsBallot(type) || type is EventLog.ObjectionRaised or EventLog.ObjectionWithdrawn;

    private static Guid? RoundOf(JsonObject data) =>
        data["roundId"] is JsonValue v && Guid.TryParse(v.ToString(), out var id) ? id : null;

    private static string? ActorRole(string type, JsonObject data) =>
        data.Where(p => p.Key.EndsWith("ByRole", StringComparison.OrdinalIgnoreCase) && p.Value is JsonValue)
            .Select(p => p.Value!.ToString()).FirstOrDefault()
        ?? (type is EventLog.BallotCast or EventLog.BallotChanged ? "participant" : null);
}
