using EPI.Collab.Api.Infrastructure.Contract;
using System.ComponentModel.DataAnnotations;
using EPI.Collab.Api.Features.Cities;
using EPI.Collab.Api.Features.ReferenceData;
using EPI.Collab.Api.Infrastructure;

namespace EPI.Collab.Api.Features.Strategies;

/// <summary>Forward only, one step at a time (DOMAIN §5.5; Dietzenbach: draft → public comment → political ratification).</summary>
public enum StrategyStatus { Draft, Consultation, AdoptedPilot, Piloting, Evaluated, IntegratedIntoLongTermPlan }

/// <summary><see cref="MethodTemplate"/> is set only by a method template import (Features/Transfer), never by a client.</summary>
public enum RevisionReason { RoundTableOutcome, PublicComment, MonitoringFinding, CouncilAmendment, MethodTemplate }

/// <summary>Who adopted the strategy for piloting, e.g. the city council, and on which day.</summary>
public sealed record Adoption([property: StringLength(RevisionRules.MaxTitle, MinimumLength = 1)] string Body, DateOnly On);

/// <summary>A city started its strategy: revision 0, a title and a vision.</summary>
public sealed record StrategyDrafted(Guid StrategyId, string CityId, string Title, IReadOnlyList<LocalizedText> Vision, Guid By,
    string ByRole, DateTimeOffset At) : ICityEvent;

/// <summary>A facilitator proposed a set of changes, for a reason and (for round-table outcomes) on a recorded decision.</summary>
public sealed record RevisionProposed(Guid StrategyId, string CityId, Guid RevisionId, RevisionReason Reason, Guid? DecisionId,
    string Summary, IReadOnlyList<StrategyChange> Changes, Guid By, string ByRole, DateTimeOffset At) : ICityEvent;

/// <summary>The proposed revision became part of the strategy under the next revision number.</summary>
public sealed record RevisionAdopted(Guid StrategyId, string CityId, Guid RevisionId, int RevisionNo, Guid By, string ByRole,
    DateTimeOffset At) : ICityEvent;

/// <summary>The coordinator turned a proposed revision down, for a reason and optionally on a recorded decision; it never changes the document.</summary>
public sealed record RevisionRejected(Guid StrategyId, string CityId, Guid RevisionId, string Reason, Guid? DecisionId, Guid By, string ByRole,
    DateTimeOffset At) : ICityEvent;

/// <summary>The strategy moved one step on; entering ADOPTED_PILOT records the adopting body and date.</summary>
public sealed record StrategyAdvanced(Guid StrategyId, string CityId, StrategyStatus From, StrategyStatus To, Adoption? Adoption, Guid By,
    string ByRole, DateTimeOffset At) : ICityEvent;

public sealed record PendingRevision(Guid RevisionId, IReadOnlyList<StrategyChange> Changes);

/// <summary>Write model of the city's strategy stream: the current document, status and the revisions awaiting adoption.</summary>
public sealed record Strategy(Guid Id, string CityId, StrategyStatus Status, StrategyDocument Document, int RevisionNo,
    IReadOnlyList<PendingRevision> Pending, int Version = 0)
{
    public static Strategy Create(StrategyDrafted e) =>
        new(e.StrategyId, e.CityId, StrategyStatus.Draft, StrategyDocument.Draft(e.Title, e.Vision), 0, []);

    public Strategy Apply(RevisionProposed e) => this with { Pending = [.. Pending, new PendingRevision(e.RevisionId, e.Changes)] };

    public Strategy Apply(RevisionAdopted e) => this with
    {
        Document = Document.Apply(Pending.Single(p => p.RevisionId == e.RevisionId).Changes),
        RevisionNo = e.RevisionNo,
        Pending = [.. Pending.Where(p => p.RevisionId != e.RevisionId)]
    };

    public Strategy Apply(RevisionRejected e) => this with { Pending = [.. Pending.Where(p => p.RevisionId != e.RevisionId)] };

    public Strategy Apply(StrategyAdvanced e) => this with { Status = e.To };

    /// <summary>Observers and the public see the strategy once the council adopted it for piloting.</summary>
    public static bool IsPublished(StrategyStatus status) => status >= StrategyStatus.AdoptedPilot;
}

public static class StrategyStream
{
    private static readonly Guid Namespace = new("0c7b2f5e-81a4-4d0e-9a63-2d6f4f1c9e21");

    /// <summary>One strategy per city: its stream id derives from the city, so a second start collides (409).</summary>
    public static Guid Id(string cityId) => DeterministicGuid.Create(Namespace, cityId);

    /// <summary>Commands change the strategy through its stream, with the version the client sent checked against it.</summary>
    public static Task<JasperFx.Events.IEventStream<Strategy>> FetchAsync(Marten.IDocumentSession session, string cityId, CancellationToken ct) =>
        session.Events.FetchForWriting<Strategy>(Id(cityId), ct);

    /// <summary>A revision's id follows from the stream version it was proposed at; the ids of its new items from the revision.</summary>
    public static Guid RevisionId(Guid strategyId, int version) => DeterministicGuid.Create(strategyId, $"revision:{version}");

    public static IReadOnlyList<StrategyChange> WithIds(Guid revisionId, IReadOnlyList<StrategyChange> changes) =>
        [.. changes.Select((c, i) => c.Kind switch
        {
            ChangeKind.AddObjective when c.Objective!.Id == Guid.Empty => c with { Objective = c.Objective with { Id = ItemId(revisionId, i) } },
            ChangeKind.AddMeasure when c.Measure!.Id == Guid.Empty => c with { Measure = c.Measure with { Id = ItemId(revisionId, i) } },
            ChangeKind.AddIndicator when c.Indicator!.Id == Guid.Empty => c with { Indicator = c.Indicator with { Id = ItemId(revisionId, i) } },
            _ => c
        })];

    private static Guid ItemId(Guid revisionId, int index) => DeterministicGuid.Create(revisionId, $"item:{index}");
}

/// <summary>The version a command saw, and what it changed.</summary>
public sealed record StrategyChanged(int Version, Guid? RevisionId = null, int? RevisionNo = null);

/// <summary>Refusals every strategy slice words the same way.</summary>
public static class StrategyProblems
{
    public static Microsoft.AspNetCore.Mvc.ProblemDetails NotStarted(string cityId) =>
        Problems.NotFound($"The city '{cityId}' has not started its strategy.");

    public static Microsoft.AspNetCore.Mvc.ProblemDetails AlreadyStarted(string cityId) =>
        Problems.Conflict($"The city '{cityId}' has already started its strategy; it is left as it is.");

    public static Microsoft.AspNetCore.Mvc.ProblemDetails Stale(int sent, int current) =>
        Problems.Conflict($"The strategy is at version {current}, not {sent}: someone changed it; reload and try again.");

    /// <summary>The checks every command on the strategy starts with: a started strategy, the current version.</summary>
    public static Microsoft.AspNetCore.Mvc.ProblemDetails? Unusable(int sentVersion, JasperFx.Events.IEventStream<Strategy> stream,
        string cityId) =>
        stream.Aggregate is null ? NotStarted(cityId)
        : stream.Aggregate.Version != sentVersion ? Stale(sentVersion, stream.Aggregate.Version)
        : null;
}
