using EPI.Collab.Api.Infrastructure.Contract;
using System.ComponentModel.DataAnnotations;
using EPI.Collab.Api.Features.ReferenceData;
using EPI.Collab.Api.Features.Workshops;

namespace EPI.Collab.Api.Features.Voting;

public enum VotingMethod { Approval, Dot, Ranked, Score, ImpactFeasibility, Consent }

public enum ResultsVisibility { Live, HiddenUntilClose }

public enum RoundStatus { Open, Closed }

/// <summary>One option of a round: a proposal pinned at the version it had when the round opened.</summary>
public sealed record RoundOption(Guid OptionId, Guid ProposalId, int ProposalVersion, string Label);

/// <summary>
/// The rules of a round. They freeze when the first ballot is cast; a change needs a new round.
/// <see cref="DotBudget"/>/<see cref="MaxDotsPerOption"/> apply to dot voting, <see cref="QuadrantThreshold"/> to impact × feasibility.
/// </summary>
public sealed record RoundRules(
    VotingMethod Method,
    ResultsVisibility Visibility,
    bool BallotsChangeable,
    bool Secret,
    [property: Range(1, 100)] int? DotBudget = null,
    [property: Range(1, 100)] int? MaxDotsPerOption = null,
    [property: Range(1, 5)] decimal QuadrantThreshold = 3m);

public sealed record RoundOpened(
    Guid RoundId, Guid WorkshopId, IReadOnlyList<LocalizedText> Question, IReadOnlyList<RoundOption> Options, RoundRules Rules,
    string AlgorithmVersion, Guid By, string ByRole, DateTimeOffset At) : IWorkshopEvent;

/// <summary>The facilitator changed the rules before any ballot was cast (after the first ballot they are frozen).</summary>
public sealed record RoundRulesChanged(Guid RoundId, Guid WorkshopId, RoundRules Rules, Guid By, string ByRole, DateTimeOffset At)
    : IWorkshopEvent;

/// <summary>Close is final: ballots not committed before this event do not count.</summary>
public sealed record RoundClosed(Guid RoundId, Guid WorkshopId, Guid By, string ByRole, DateTimeOffset At) : IWorkshopEvent;

/// <summary>Counts from paper ballots, entered by a facilitator as aggregates per option (and per consent answer).</summary>
public sealed record PaperTallyEntered(Guid RoundId, Guid WorkshopId, int Ballots, IReadOnlyList<PaperCount> Counts, Guid By,
    string ByRole, DateTimeOffset At) : IWorkshopEvent;

/// <param name="Value">Approvals or dots for the option; for consent: 1 agree, 0 abstain, -1 object.</param>
public sealed record PaperCount(Guid OptionId, [property: Range(-1, VotingRound.MaxOptions)] int Value, [property: Range(0, 100_000)] int Count);

/// <summary>Write model of a round stream.</summary>
public sealed record VotingRound(
    Guid Id, Guid WorkshopId, IReadOnlyList<RoundOption> Options, RoundRules Rules, string AlgorithmVersion, RoundStatus Status,
    IReadOnlyList<PaperTallyEntered>? Paper = null, int Version = 0, DateTimeOffset? OpenedAt = null)
{
    /// <summary>Options of one round at the most (and so marks of one ballot).</summary>
    public const int MaxOptions = 100;

    public static VotingRound Create(RoundOpened e) =>
        new(e.RoundId, e.WorkshopId, e.Options, e.Rules, e.AlgorithmVersion, RoundStatus.Open, [], OpenedAt: e.At);

    public VotingRound Apply(RoundRulesChanged e) => this with { Rules = e.Rules };

    public VotingRound Apply(PaperTallyEntered e) => this with { Paper = [.. Paper ?? [], e] };

    public VotingRound Apply(RoundClosed e) => this with { Status = RoundStatus.Closed };

    public bool ResultsVisible => Status == RoundStatus.Closed || Rules.Visibility == ResultsVisibility.Live;
}

/// <summary>Refusals every voting slice words the same way.</summary>
public static class RoundProblems
{
    public static Microsoft.AspNetCore.Mvc.ProblemDetails NotFound(Guid roundId) =>
        Infrastructure.Problems.NotFound($"There is no round {roundId} in this workshop.");
}
