using EPI.Collab.Api.Infrastructure.Contract;
using System.ComponentModel.DataAnnotations;
using EPI.Collab.Api.Features.ReferenceData;
using EPI.Collab.Api.Features.Voting;
using EPI.Collab.Api.Infrastructure;
using EPI.Collab.Api.Infrastructure.Auth;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Marten;

namespace EPI.Collab.Api.Features.Decisions.Recording;

/// <param name="RuleApplied">How the outcome follows from the results, e.g. "top 3 by dots; ties by consent check".</param>
/// <param name="Adopted">The adopted proposals; each must be an option of one of the rounds.</param>
public sealed record RecordDecision(
    [property: Length(1, 50), UniqueItems] IReadOnlyList<Guid> RoundIds, [property: StringLength(500, MinimumLength = 1)] string RuleApplied, [property: Length(0, VotingRound.MaxOptions), UniqueItems] IReadOnlyList<Guid> Adopted, [property: Text(1, RecordDecision.MaxTextLength)] LocalizedText Rationale,
    [property: Text(1, RecordDecision.MaxTextLength), Length(0, 50)] IReadOnlyList<LocalizedText>? Dissent = null)
{
    public static RecordDecision Example => new([new Guid("0196f3a0-7c1e-7a52-9c3b-5d1e2f3a4b5e")], "top 1 by dots; ties by consent check",
        [new Guid("0196f3a0-7c1e-7a52-9c3b-5d1e2f3a4b5c")], new("en", "Most dots and feasible within the pilot budget."),
        [new("en", "A welfare body doubts employers will commit for ten months.")]);

    public const int MaxTextLength = 2000;
}

public static class RecordDecisionEndpoint
{
    public static async Task<IReadOnlyList<VotingRound>> LoadAsync(RecordDecision command, IQuerySession session, CancellationToken ct) =>
        command.RoundIds is { Count: > 0 } ids ? await session.LoadManyAsync<VotingRound>(ct, ids.Distinct()) : [];

    public static ProblemDetails Validate(RecordDecision command, IReadOnlyList<VotingRound> rounds, Guid workshopId)
    {
        var ours = rounds.Where(r => r.WorkshopId == workshopId).ToList();
        var options = ours.SelectMany(r => r.Options).Select(o => o.ProposalId).ToHashSet();
        var v = new Validation()
            .Require(command.RoundIds is { Count: > 0 } && ours.Count == command.RoundIds.Distinct().Count(), "roundIds",
                "One or more rounds of this workshop.")
            .Require(!string.IsNullOrWhiteSpace(command.RuleApplied) && command.RuleApplied.Length <= 500, "ruleApplied", "Required, at most 500 characters.")
            .Require((command.Adopted ?? []).All(options.Contains), "adopted", "Adopted proposals must be options of these rounds.")
            .Require(Valid(command.Rationale), "rationale", $"Required, in an accepted language, at most {RecordDecision.MaxTextLength} characters.")
            .Require((command.Dissent ?? []).All(Valid), "dissent", "Each dissent in an accepted language, at most 2000 characters.");
        if (!v.IsValid) return v.ToProblem();
        return ours.Any(r => r.Status != RoundStatus.Closed)
            ? Problems.RuleViolated("A decision is recorded on closed rounds only.")
            : WolverineContinue.NoProblems;
    }

    private static bool Valid(LocalizedText? text) =>
        text is not null && Languages.IsAccepted(text.Lang) && !string.IsNullOrWhiteSpace(text.Text) && text.Text.Length <= RecordDecision.MaxTextLength;

    public static DecisionRecorded Decide(RecordDecision command, Guid workshopId, Guid decisionId, IReadOnlyList<VotingRound> rounds,
        Actor actor, DateTimeOffset now)
    {
        var pinned = rounds.SelectMany(r => r.Options).GroupBy(o => o.ProposalId).ToDictionary(g => g.Key, g => g.Max(o => o.ProposalVersion));
        return new DecisionRecorded(decisionId, workshopId, command.RoundIds.Distinct().ToList(), command.RuleApplied.Trim(),
            command.Adopted.Distinct().Select(p => new AdoptedProposal(p, pinned[p])).ToList(), command.Rationale, command.Dissent ?? [],
            actor.Id, actor.Role, now);
    }

    /// <summary>Record the decision taken on closed rounds (staff).</summary>
    [WolverinePost("/api/cities/{cityId}/workshops/{workshopId}/decisions", OperationId = "RecordDecision")]
    [Authorize(Policy = Policies.CityStaff), Tags("Decisions")]
    public static (CreationResponse<Guid>, IStartStream) Post(RecordDecision command, string cityId, Guid workshopId,
        IReadOnlyList<VotingRound> rounds, Actor actor, DateTimeOffset now)
    {
        var recorded = Decide(command, workshopId, Guid.CreateVersion7(now), rounds, actor, now);
        return (new CreationResponse<Guid>($"/api/cities/{cityId}/workshops/{workshopId}/decisions/{recorded.DecisionId}", recorded.DecisionId),
            MartenOps.StartStream<DecisionRecord>(recorded.DecisionId, recorded));
    }
}
