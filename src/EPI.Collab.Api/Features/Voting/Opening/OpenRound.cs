using EPI.Collab.Api.Features.Workshops.Scheduling;
using EPI.Collab.Api.Infrastructure.Contract;
using System.ComponentModel.DataAnnotations;
using EPI.Collab.Api.Features.ReferenceData;
using EPI.Collab.Api.Features.Voting.Counting;
using EPI.Collab.Api.Features.Workshops;
using EPI.Collab.Api.Infrastructure;
using EPI.Collab.Api.Infrastructure.Auth;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Marten;

namespace EPI.Collab.Api.Features.Voting.Opening;

/// <param name="Options">The proposals to vote on; each is pinned at its current version.</param>
/// <param name="Labels">
/// Optional short labels for results and the projector, one per option, written by staff. Proposal texts are never copied
/// into the round: they are their authors' personal data (sealed, erasable), so clients show them from the board.
/// Without labels the options are called "Option 1", "Option 2", …
/// </param>
public sealed record OpenRound([property: Text(1, ScheduleWorkshop.MaxQuestionLength), Length(1, Languages.MaxVersions)] IReadOnlyList<LocalizedText> Question, [property: Length(1, VotingRound.MaxOptions), UniqueItems] IReadOnlyList<Guid> Options, RoundRules Rules,
    [property: Length(1, VotingRound.MaxOptions), ItemLength(1, OpenRound.MaxLabelLength)] IReadOnlyList<string>? Labels = null)
{
    public const int MaxLabelLength = 140;

    public static OpenRound Example => new([new("en", "Which should the city pilot first?")],
        [new Guid("0196f3a0-7c1e-7a52-9c3b-5d1e2f3a4b5c"), new Guid("0196f3a0-7c1e-7a52-9c3b-5d1e2f3a4b5d")],
        new RoundRules(VotingMethod.Dot, ResultsVisibility.HiddenUntilClose, BallotsChangeable: true, Secret: true, DotBudget: 5, MaxDotsPerOption: 2),
        ["Employer mentoring", "Welcome desk"]);

    public string LabelOf(int index) => Labels is { } labels && index < labels.Count ? labels[index].Trim() : $"Option {index + 1}";
}

public sealed record RoundCreated(Guid RoundId, IReadOnlyList<RoundOption> Options, string AlgorithmVersion);

public static class OpenRoundEndpoint
{
    public static async Task<(Workshop?, ProposalPins)> LoadAsync(Guid workshopId, OpenRound command, IQuerySession session,
        CancellationToken ct) =>
        (await session.LoadAsync<Workshop>(workshopId, ct), await ProposalPins.LoadAsync(session, workshopId, command.Options ?? [], ct));

    public static ProblemDetails Validate(OpenRound command, Workshop? workshop, ProposalPins pins, Guid workshopId)
    {
        if (workshop is null) return WorkshopProblems.NotFound(workshopId);
        if (!workshop.IsLive) return Problems.RuleViolated("Rounds open only while the workshop is open.");
        var v = BallotRules.CheckRules(command.Rules ?? new RoundRules((VotingMethod)(-1), default, false, false), command.Options?.Count ?? 0)
            .Require(command.Question is { Count: > 0 } && command.Question.All(q => q is not null && Languages.IsAccepted(q.Lang) && !string.IsNullOrWhiteSpace(q.Text)),
                "question", "At least one language version, in an accepted language.")
            .Require((command.Options ?? []).Distinct().Count() == (command.Options?.Count ?? 0), "options", "Each proposal once.")
            .Require(command.Labels is null || command.Labels.Count == (command.Options?.Count ?? 0), "labels", "One label per option, or none.");
        foreach (var (label, i) in (command.Labels ?? []).Select((l, i) => (l, i)))
            v.RequireLength(label?.Trim(), $"labels[{i}]", 1, OpenRound.MaxLabelLength);
        foreach (var missing in pins.Missing) v.Add("options", $"Proposal {missing} is not an open proposal of this workshop.");
        return v.ToProblem();
    }

    public static RoundOpened Decide(OpenRound command, Guid workshopId, Guid roundId, ProposalPins pins, Actor actor, DateTimeOffset now) =>
        new(roundId, workshopId, command.Question,
            command.Options.Select((p, i) => new RoundOption(DeterministicGuid.Create(roundId, $"option:{i}"), p, pins.Versions[p], command.LabelOf(i)))
                .ToList(),
            command.Rules, Tally.AlgorithmVersion, actor.Id, actor.Role, now);

    /// <summary>Open a voting round over proposals of the workshop (staff).</summary>
    [WolverinePost("/api/cities/{cityId}/workshops/{workshopId}/rounds", OperationId = "OpenRound")]
    [Authorize(Policy = Policies.CityStaff), Tags("Voting")]
    public static (CreationResponse<RoundCreated>, IStartStream, IMartenOp) Post(OpenRound command, string cityId, Guid workshopId,
        ProposalPins pins, Actor actor, DateTimeOffset now)
    {
        var opened = Decide(command, workshopId, Guid.CreateVersion7(now), pins, actor, now);
        return (new CreationResponse<RoundCreated>($"/api/cities/{cityId}/workshops/{workshopId}/rounds/{opened.RoundId}/results",
                new RoundCreated(opened.RoundId, opened.Options, opened.AlgorithmVersion)),
            MartenOps.StartStream<VotingRound>(opened.RoundId, opened),
            MartenOps.Insert(RoundKey.New(opened.RoundId)));
    }
}
