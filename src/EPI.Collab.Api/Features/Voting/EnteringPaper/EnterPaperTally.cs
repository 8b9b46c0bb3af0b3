using EPI.Collab.Api.Infrastructure.Contract;
using System.ComponentModel.DataAnnotations;
using EPI.Collab.Api.Infrastructure;
using EPI.Collab.Api.Infrastructure.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Marten;

namespace EPI.Collab.Api.Features.Voting.EnteringPaper;

/// <param name="Ballots">How many paper ballots were counted.</param>
/// <param name="Counts">Per option: the value (1 for an approval, the dots, or the consent answer 1/0/-1) and how often it was given.</param>
public sealed record EnterPaperTally([property: ExpectedVersion] int Version, [property: Range(1, 100_000)] int Ballots, [property: Length(1, VotingRound.MaxOptions * 10)] IReadOnlyList<PaperCount> Counts)
{
    public static EnterPaperTally Example => new(1, 12, [new(new Guid("0196f3a0-7c1e-7a52-9c3b-5d1e2f3a4b5c"), 1, 7), new(new Guid("0196f3a0-7c1e-7a52-9c3b-5d1e2f3a4b5d"), 1, 5)]);
}

public static class EnterPaperTallyEndpoint
{
    public static readonly VotingMethod[] Supported = [VotingMethod.Approval, VotingMethod.Dot, VotingMethod.Consent];

    public static ProblemDetails Validate(EnterPaperTally command, VotingRound? round, Guid workshopId, Guid roundId)
    {
        if (round is null || round.WorkshopId != workshopId) return RoundProblems.NotFound(roundId);
        if (round.Status == RoundStatus.Closed) return Problems.RuleViolated("Paper tallies are entered before the round closes.");
        if (!Supported.Contains(round.Rules.Method))
            return Problems.RuleViolated("Paper tallies exist for approval, dot and consent rounds; enter other paper ballots as assisted ballots.");
        var options = round.Options.Select(o => o.OptionId).ToHashSet();
        var counts = command.Counts ?? [];
        return new Validation()
            .Require(command.Ballots is >= 1 and <= 100_000, "ballots", "Between 1 and 100000.")
            .Require(counts.Count > 0 && counts.All(c => c is not null && options.Contains(c.OptionId)), "counts", "Counts of this round's options.")
            .Require(counts.All(c => c is null || c.Count is >= 0 and <= 100_000), "counts", "Counts between 0 and 100000.")
            .Require(counts.All(c => c is null || ValueFits(round.Rules, c.Value)), "counts", "A value the method allows.")
            .Require(counts.Where(c => c is not null).GroupBy(c => (c.OptionId, c.Value)).All(g => g.Count() == 1), "counts", "Each option and value once.")
            .ToProblem();
    }

    private static bool ValueFits(RoundRules rules, int value) => rules.Method switch
    {
        VotingMethod.Approval => value == 1,
        VotingMethod.Dot => value >= 1 && value <= rules.MaxDotsPerOption,
        VotingMethod.Consent => value is -1 or 0 or 1,
        _ => false
    };

    /// <summary>Enter the counts of paper ballots as aggregates (staff).</summary>
    [WolverinePost("/api/cities/{cityId}/workshops/{workshopId}/rounds/{roundId}/paper-tallies", OperationId = "EnterPaperTally")]
    [Authorize(Policy = Policies.CityStaff), Tags("Voting")]
    public static (UpdatedAggregate, Events) Post(EnterPaperTally command, [WriteAggregate("roundId")] VotingRound round, Actor actor,
        DateTimeOffset now)
    {
        return (new UpdatedAggregate(),
            [new PaperTallyEntered(round.Id, round.WorkshopId, command.Ballots, command.Counts, actor.Id, actor.Role, now)]);
    }
}
