using EPI.Collab.Api.Features.Decisions;
using EPI.Collab.Api.Features.ReferenceData;
using EPI.Collab.Api.Features.Strategies;
using EPI.Collab.Api.Features.Strategies.Adopting;
using EPI.Collab.Api.Features.Strategies.Advancing;
using EPI.Collab.Api.Features.Strategies.Diffing;
using EPI.Collab.Api.Features.Strategies.GettingDetails;
using EPI.Collab.Api.Features.Strategies.Revising;
using EPI.Collab.Api.Features.Strategies.Starting;
using EPI.Collab.Api.Features.Strategies.Tracing;
using EPI.Collab.Api.Infrastructure;
using EPI.Collab.Api.Infrastructure.Auth;

namespace EPI.Collab.Tests.Features.Strategies;

/// <summary>The pure parts of strategies: validation, the revision fold, decisions, diff and trace.</summary>
[Trait(Lane.Name, Lane.Unit)]
public class RevisionDecisionTests
{
    private static readonly Actor Facilitator = new(Guid.CreateVersion7(), Roles.Facilitator);
    private static readonly DateTimeOffset Now = new(2021, 2, 1, 9, 0, 0, TimeSpan.Zero);

    private static Strategy Drafted() => Strategy.Create(StartStrategyEndpoint.Decide(StartStrategy.Example, "cluj-napoca", Facilitator, Now)) with { Version = 1 };

    private static Strategy Revised(Strategy strategy, params StrategyChange[] changes)
    {
        var proposed = ProposeRevisionEndpoint.Decide(strategy, new ProposeRevision(strategy.Version, RevisionReason.PublicComment, null, "s", changes),
            Facilitator, Now);
        strategy = strategy.Apply(proposed) with { Version = strategy.Version + 1 };
        return strategy.Apply(AdoptRevisionEndpoint.Decide(strategy, proposed.RevisionId, Facilitator, Now)) with { Version = strategy.Version + 1 };
    }

    [Fact]
    public void every_request_example_is_valid()
    {
        StartStrategy.Example.Check().IsValid.ShouldBeTrue();
        ProposeRevision.Example.Check().IsValid.ShouldBeTrue();
        AdvanceStrategy.Example.Check().IsValid.ShouldBeTrue();
    }

    [Fact]
    public void the_start_derives_the_stream_id_from_the_city()
    {
        var drafted = StartStrategyEndpoint.Decide(StartStrategy.Example, "riga", Facilitator, Now);
        drafted.StrategyId.ShouldBe(StrategyStream.Id("riga"));
        StrategyStream.Id("riga").ShouldNotBe(StrategyStream.Id("cluj-napoca"));
    }

    [Fact]
    public void a_round_table_outcome_needs_a_decision_and_changes_their_payload()
    {
        var errors = new ProposeRevision(1, RevisionReason.RoundTableOutcome, null, "x",
            [new StrategyChange(ChangeKind.AddObjective), new StrategyChange(ChangeKind.RemoveMeasure)]).Check().ToProblem();

        var fields = ((Microsoft.AspNetCore.Mvc.ValidationProblemDetails)errors).Errors.Keys;
        fields.ShouldBe(["decisionId", "changes[0].objective", "changes[1].id"], ignoreOrder: true);
    }

    [Fact]
    public void an_indicator_sits_on_an_objective_or_a_measure_but_not_both()
    {
        var both = Items.Indicator(Guid.CreateVersion7(), Guid.CreateVersion7());
        new Validation().CheckChanges([Items.Add(both)]).IsValid.ShouldBeFalse();
        new Validation().CheckChanges([Items.Add(Items.Indicator(Guid.CreateVersion7()))]).IsValid.ShouldBeTrue();
    }

    [Fact]
    public void adds_without_ids_get_ids_from_the_revision_so_proposing_twice_gives_the_same_ids()
    {
        var strategy = Drafted();
        var command = new ProposeRevision(1, RevisionReason.PublicComment, null, "s", [Items.Add(Items.Objective(Guid.Empty))]);

        var first = ProposeRevisionEndpoint.Decide(strategy, command, Facilitator, Now);
        var again = ProposeRevisionEndpoint.Decide(strategy, command, Facilitator, Now);

        first.Changes[0].Objective!.Id.ShouldNotBe(Guid.Empty);
        first.Changes[0].Objective!.Id.ShouldBe(again.Changes[0].Objective!.Id);
        first.RevisionId.ShouldBe(StrategyStream.RevisionId(strategy.Id, 1));
    }

    [Fact]
    public void the_document_is_the_fold_of_adopted_revisions_and_pending_ones_do_not_count()
    {
        var objective = Items.Objective();
        var measure = Items.Measure(objective.Id);
        var strategy = Revised(Drafted(), Items.Add(objective), Items.Add(measure));
        strategy = Revised(strategy, Items.Update(measure with { Title = "Renamed" }));
        var pending = strategy.Apply(ProposeRevisionEndpoint.Decide(strategy,
            new ProposeRevision(strategy.Version, RevisionReason.MonitoringFinding, null, "s", [new StrategyChange(ChangeKind.RemoveMeasure, measure.Id)]),
            Facilitator, Now));

        strategy.RevisionNo.ShouldBe(2);
        strategy.Document.Measures.Single().Title.ShouldBe("Renamed");
        pending.Document.ShouldBe(strategy.Document);
        pending.Pending.Count.ShouldBe(1);
    }

    [Fact]
    public void changes_must_fit_the_document_in_order()
    {
        var objective = Items.Objective();
        var measure = Items.Measure(objective.Id);
        var document = StrategyDocument.Draft("t", [new LocalizedText("en", "v")]);

        RevisionRules.Misfit(document, [Items.Add(objective), Items.Add(measure)]).ShouldBeNull();
        RevisionRules.Misfit(document, [Items.Add(measure), Items.Add(objective)]).ShouldNotBeNull();
        RevisionRules.Misfit(document, [Items.Add(objective), Items.Add(objective)]).ShouldNotBeNull();
        var filled = document.Apply([Items.Add(objective), Items.Add(measure)]);
        RevisionRules.Misfit(filled, [new StrategyChange(ChangeKind.RemoveObjective, objective.Id)]).ShouldNotBeNull();
        RevisionRules.Misfit(filled, [new StrategyChange(ChangeKind.RemoveMeasure, measure.Id),
            new StrategyChange(ChangeKind.RemoveObjective, objective.Id)]).ShouldBeNull();
        RevisionRules.Misfit(filled, [Items.Update(Items.Measure(objective.Id))]).ShouldNotBeNull();
    }

    [Fact]
    public void the_status_advances_one_step_and_keeps_the_adoption_only_on_adoption()
    {
        var strategy = Drafted();
        var advanced = AdvanceStrategyEndpoint.Decide(strategy, new AdvanceStrategy(1, StrategyStatus.Consultation, new Adoption("x", default)),
            Facilitator, Now);

        advanced.From.ShouldBe(StrategyStatus.Draft);
        advanced.Adoption.ShouldBeNull();
        new AdvanceStrategy(1, StrategyStatus.AdoptedPilot).Check().IsValid.ShouldBeFalse();
        Strategy.IsPublished(StrategyStatus.Consultation).ShouldBeFalse();
        Strategy.IsPublished(StrategyStatus.AdoptedPilot).ShouldBeTrue();
    }

    [Fact]
    public void the_diff_names_the_changed_fields_with_before_and_after()
    {
        var objective = Items.Objective();
        var measure = Items.Measure(objective.Id);
        var before = StrategyDocument.Draft("t", [new LocalizedText("en", "v")]).Apply([Items.Add(objective), Items.Add(measure)]);
        var after = before.Apply([Items.Update(measure with { Title = "New", Pilot = false }), new StrategyChange(ChangeKind.SetVision,
            Vision: [new LocalizedText("en", "w")])]);

        var diff = StrategyDiff.Compare(before, after, 1, 2);

        diff.Items.Select(i => (i.Item, i.Change)).ShouldBe([(DiffItemKind.Vision, DiffChange.Changed), (DiffItemKind.Measure, DiffChange.Changed)]);
        diff.Items[1].Fields.ShouldBe(["title", "pilot"]);
        diff.Items[1].Before!.Value.GetProperty("title").GetString().ShouldBe("EPI One-Stop-Shop");
        StrategyDiff.Compare(after, after, 2, 2).Items.ShouldBeEmpty();
    }

    [Fact]
    public void the_details_replay_any_revision_number()
    {
        var objective = Items.Objective();
        var draft = StrategyDocument.Draft("t", [new LocalizedText("en", "v")]);
        var details = new StrategyDetails(Guid.CreateVersion7(), "c", StrategyStatus.Draft, null, 1, draft.Apply([Items.Add(objective)]), draft,
            [new RevisionEntry(Guid.CreateVersion7(), 1, RevisionReason.PublicComment, null, "s", [Items.Add(objective)], Guid.Empty, "f", Now, Now),
             new RevisionEntry(Guid.CreateVersion7(), null, RevisionReason.PublicComment, null, "pending",
                 [new StrategyChange(ChangeKind.RemoveObjective, objective.Id)], Guid.Empty, "f", Now)], Now);

        details.AtRevision(0).Objectives.ShouldBeEmpty();
        details.AtRevision(1).Objectives.Single().ShouldBe(objective);
    }

    [Fact]
    public void the_trace_joins_revisions_decisions_and_origin_proposals()
    {
        var objective = Items.Objective();
        var proposalId = Guid.CreateVersion7();
        var measure = Items.Measure(objective.Id, origins: [proposalId]);
        var decision = new DecisionRecord(Guid.CreateVersion7(), Guid.CreateVersion7(), [Guid.CreateVersion7()], "top 1",
            [new AdoptedProposal(proposalId, 2)], new LocalizedText("en", "r"), [], "facilitator", Now);
        var draft = StrategyDocument.Draft("t", [new LocalizedText("en", "v")]);
        var details = new StrategyDetails(Guid.CreateVersion7(), "c", StrategyStatus.Draft, null, 1, draft.Apply([Items.Add(objective), Items.Add(measure)]),
            draft, [new RevisionEntry(Guid.CreateVersion7(), 1, RevisionReason.RoundTableOutcome, decision.Id, "s",
                [Items.Add(objective), Items.Add(measure)], Guid.Empty, "f", Now, Now)], Now);

        var trace = MeasureTrace.Build(details, measure.Id, [decision], [])!;

        trace.AddedIn.Decision!.RoundIds.ShouldBe(decision.RoundIds);
        trace.AddedIn.Decision.AdoptedProposals.ShouldBe(decision.Adopted);
        trace.ChangedIn.ShouldBeEmpty();
        trace.OriginProposals.Single().ShouldBe(new OriginProposal(proposalId, null, null, null, 2));
        MeasureTrace.Build(details, Guid.CreateVersion7(), [decision], []).ShouldBeNull();
    }
}
