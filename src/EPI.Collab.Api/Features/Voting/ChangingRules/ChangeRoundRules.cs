using EPI.Collab.Api.Infrastructure.Contract;
using System.ComponentModel.DataAnnotations;
using EPI.Collab.Api.Infrastructure;
using EPI.Collab.Api.Infrastructure.Auth;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Persistence;

namespace EPI.Collab.Api.Features.Voting.ChangingRules;

public sealed record ChangeRoundRules([property: ExpectedVersion] int Version, RoundRules Rules)
{
    public static ChangeRoundRules Example => new(1, new RoundRules(VotingMethod.Approval, ResultsVisibility.Live, BallotsChangeable: true, Secret: false));
}

public static class ChangeRoundRulesEndpoint
{
    public static ProblemDetails Validate(ChangeRoundRules command, VotingRound? round, Guid roundId) =>
        round is null ? RoundProblems.NotFound(roundId)
        : round.Status == RoundStatus.Closed ? Problems.RuleViolated("The round is closed.")
        : BallotRules.CheckRules(command.Rules ?? new RoundRules((VotingMethod)(-1), default, false, false), round.Options.Count).ToProblem();

    /// <summary>
    /// Change a round's rules while no ballot has been cast. Under the round's exclusive lock no ballot can commit
    /// meanwhile, so "no ballot yet" is checked on the committed state; after the first ballot a change needs a new round.
    /// </summary>
    [WolverinePost("/api/cities/{cityId}/workshops/{workshopId}/rounds/{roundId}/rules", OperationId = "ChangeRoundRules")]
    [Authorize(Policy = Policies.CityStaff), Tags("Voting")]
    [ProducesResponseType<VotingRound>(StatusCodes.Status200OK)]
    public static async Task<IResult> Post(ChangeRoundRules command, [Entity("roundId", Required = false)] VotingRound round, IDocumentSession session,
        Actor actor, DateTimeOffset now, CancellationToken ct)
    {
        await session.BeginTransactionAsync(ct);
        await AdvisoryLocks.Exclusive(session, round.Id, ct);
        if (await session.Query<Ballot>().AnyAsync(b => b.RoundId == round.Id, ct))
            return Results.Problem(Problems.RuleViolated("The rules froze when the first ballot was cast; open a new round to change them."));

        var changed = new RoundRulesChanged(round.Id, round.WorkshopId, command.Rules, actor.Id, actor.Role, now);
        session.Events.Append(round.Id, command.Version + 1, changed);
        return Results.Ok(round.Apply(changed) with { Version = command.Version + 1 });
    }
}
