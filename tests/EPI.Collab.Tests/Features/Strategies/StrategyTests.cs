using System.Net;
using System.Net.Http.Json;
using EPI.Collab.Api.Features.Strategies;
using EPI.Collab.Api.Features.Strategies.Adopting;
using EPI.Collab.Api.Features.Strategies.Diffing;
using EPI.Collab.Api.Features.Strategies.Revising;
using EPI.Collab.Api.Features.Strategies.Starting;
using EPI.Collab.Api.Features.Strategies.Tracing;
using EPI.Collab.Tests.Features.Workshops;
using Marten;

namespace EPI.Collab.Tests.Features.Strategies;

public class StrategyTests(AppFixture app) : IntegrationTest(app)
{
    private async Task<long> EventCount(string cityId)
    {
        await using var session = App.Store.QuerySession(cityId);
        return (await session.Events.FetchStreamStateAsync(StrategyStream.Id(cityId)))?.Version ?? 0;
    }

    [Fact]
    public async Task a_city_has_one_strategy_and_a_second_start_is_a_conflict()
    {
        var strategy = await StrategyUnderWay.Start(App);

        (await strategy.Staff.PostAsJsonAsync(strategy.Url, StartStrategy.Example, Json.Options)).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var details = await strategy.Details();
        details.Status.ShouldBe(StrategyStatus.Draft);
        details.RevisionNo.ShouldBe(0);
        details.Document.Vision.Count.ShouldBe(2);
    }

    [Fact]
    public async Task an_adopted_round_table_revision_traces_the_measure_to_the_decision_its_rounds_and_proposals()
    {
        var decision = await RecordedDecision.Record(App);
        var strategy = await StrategyUnderWay.Start(App);
        var objective = Items.Objective();
        var measure = Items.Measure(objective.Id, origins: [decision.Room.Proposals[0]]);

        var (after, adopted) = await strategy.Revise(new ProposeRevision(strategy.Version, RevisionReason.RoundTableOutcome, decision.DecisionId,
            "Round table 2 outcome", [Items.Add(objective), Items.Add(measure)]));
        (_, var second) = await after.Revise(after.Revision(Items.Update(measure with { Title = "EPI One-Stop-Shop (online and desk)" })));

        adopted.RevisionNo.ShouldBe(1);
        second.RevisionNo.ShouldBe(2);
        var trace = await (await strategy.Staff.GetAsync($"{strategy.Url}/measures/{measure.Id}/trace")).Read<MeasureTrace>();
        trace.AddedIn.RevisionNo.ShouldBe(1);
        trace.AddedIn.Reason.ShouldBe(RevisionReason.RoundTableOutcome);
        trace.AddedIn.Decision!.DecisionId.ShouldBe(decision.DecisionId);
        trace.AddedIn.Decision.RoundIds.ShouldBe([decision.Room.Round.RoundId]);
        trace.AddedIn.Decision.AdoptedProposals.Single().ProposalId.ShouldBe(decision.Room.Proposals[0]);
        trace.AddedIn.Decision.AdoptedProposals.Single().ProposalVersion.ShouldBe(decision.Room.Round.Options[0].ProposalVersion);
        trace.ChangedIn.Single().RevisionNo.ShouldBe(2);
        trace.ChangedIn.Single().Decision.ShouldBeNull();
        trace.OriginProposals.Single().ShouldBe(new OriginProposal(decision.Room.Proposals[0], decision.Room.Workshop.Id, 1,
            EPI.Collab.Api.Features.Proposals.ProposalStatus.Submitted, 1));
        trace.Current!.Title.ShouldBe("EPI One-Stop-Shop (online and desk)");
    }

    [Fact]
    public async Task the_diff_between_two_revisions_lists_added_changed_and_removed_items_with_before_and_after()
    {
        var strategy = await StrategyUnderWay.Start(App);
        var objective = Items.Objective();
        var measure = Items.Measure(objective.Id);
        var indicator = Items.Indicator(measureId: measure.Id);
        (strategy, _) = await strategy.Revise(strategy.Revision(Items.Add(objective), Items.Add(measure)));
        (strategy, _) = await strategy.Revise(strategy.Revision(Items.Add(indicator)));
        (strategy, _) = await strategy.Revise(strategy.Revision(Items.Update(measure with { Budget = measure.Budget with { Amount = 55000m } }),
            new StrategyChange(ChangeKind.RemoveIndicator, indicator.Id)));

        var diff = await (await strategy.Staff.GetAsync($"{strategy.Url}/diff?from=1&to=3")).Read<StrategyDiff>();

        diff.Items.Count.ShouldBe(1);
        diff.Items[0].Item.ShouldBe(DiffItemKind.Measure);
        diff.Items[0].Change.ShouldBe(DiffChange.Changed);
        diff.Items[0].Fields.ShouldBe(["budget.amount"]);
        diff.Items[0].Name.Single().Text.ShouldBe("EPI One-Stop-Shop");
        diff.Items[0].Before!.Value.GetProperty("budget").GetProperty("amount").GetDecimal().ShouldBe(40000m);
        diff.Items[0].After!.Value.GetProperty("budget").GetProperty("amount").GetDecimal().ShouldBe(55000m);
        var fromDraft = await (await strategy.Staff.GetAsync($"{strategy.Url}/diff?from=0&to=2")).Read<StrategyDiff>();
        fromDraft.Items.Select(i => (i.Item, i.Change)).ShouldBe([(DiffItemKind.Objective, DiffChange.Added), (DiffItemKind.Measure, DiffChange.Added),
            (DiffItemKind.Indicator, DiffChange.Added)]);
        var backwards = await (await strategy.Staff.GetAsync($"{strategy.Url}/diff?from=2&to=3")).Read<StrategyDiff>();
        backwards.Items.ShouldContain(i => i.Item == DiffItemKind.Indicator && i.Change == DiffChange.Removed && i.After == null);
        (await strategy.Staff.GetAsync($"{strategy.Url}/diff?from=0&to=9")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task two_facilitators_racing_on_the_same_version_get_one_success_and_one_conflict()
    {
        var strategy = await StrategyUnderWay.Start(App);
        var coordinator = await App.ClientFor("coordinator.cluj");

        var responses = await Task.WhenAll(
            strategy.Propose(strategy.Revision(Items.Add(Items.Objective(text: "First")))),
            strategy.Propose(strategy.Revision(Items.Add(Items.Objective(text: "Second"))), coordinator));

        responses.Select(r => r.StatusCode).ShouldBe([HttpStatusCode.OK, HttpStatusCode.Conflict], ignoreOrder: true);
        (await strategy.Details()).Revisions.Count.ShouldBe(1);
        (await strategy.Propose(strategy.Revision(Items.Add(Items.Objective())))).StatusCode.ShouldBe(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task the_status_moves_forward_one_step_and_adoption_records_the_body_and_date()
    {
        var strategy = await StrategyUnderWay.Start(App);

        (await strategy.Advance(StrategyStatus.AdoptedPilot, new("Council", new DateOnly(2021, 2, 25)))).StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        strategy = await strategy.AdvanceOk(StrategyStatus.Consultation);
        (await strategy.Advance(StrategyStatus.AdoptedPilot)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        strategy = await strategy.AdvanceOk(StrategyStatus.AdoptedPilot, new("Cluj-Napoca Local Council", new DateOnly(2021, 2, 25)));
        (await strategy.Advance(StrategyStatus.Draft)).StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);

        var details = await strategy.Details();
        details.Status.ShouldBe(StrategyStatus.AdoptedPilot);
        details.Adoption.ShouldBe(new Adoption("Cluj-Napoca Local Council", new DateOnly(2021, 2, 25)));
    }

    [Fact]
    public async Task invalid_revisions_are_400_with_field_errors_and_append_nothing()
    {
        var strategy = await StrategyUnderWay.Start(App);
        var bad = new ProposeRevision(strategy.Version, RevisionReason.RoundTableOutcome, null, "",
            [Items.Add(Items.Measure(Guid.CreateVersion7()) with { Budget = new Budget(-1m, "USD", BudgetSource.Amif) })]);

        var response = await strategy.Propose(bad);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        var errors = problem.GetProperty("errors");
        // The declared contract (summary length, budget amount) is refused at the door; the rules of the process (a decision
        // behind a round table outcome, euros only) once the body keeps the contract.
        foreach (var field in new[] { "summary", "changes[0].measure.budget.amount" })
            errors.TryGetProperty(field, out _).ShouldBeTrue(field);
        var process = await strategy.Propose(bad with
        {
            Summary = "Round table outcome", Changes = [Items.Add(Items.Measure(Guid.CreateVersion7()) with { Budget = new Budget(1m, "USD", BudgetSource.Amif) })]
        });
        errors = (await process.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("errors");
        foreach (var field in new[] { "decisionId", "changes[0].measure.budget.currency" })
            errors.TryGetProperty(field, out _).ShouldBeTrue(field);
        (await EventCount(strategy.CityId)).ShouldBe(1);
    }

    [Fact]
    public async Task a_revision_that_does_not_fit_or_names_an_unknown_decision_is_422()
    {
        var strategy = await StrategyUnderWay.Start(App);

        (await strategy.Propose(strategy.Revision(Items.Add(Items.Measure(Guid.CreateVersion7())))))
            .StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await strategy.Propose(new ProposeRevision(strategy.Version, RevisionReason.RoundTableOutcome, Guid.CreateVersion7(), "From a round table",
            [Items.Add(Items.Objective())]))).StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await EventCount(strategy.CityId)).ShouldBe(1);
    }

    [Fact]
    public async Task a_decision_of_another_city_cannot_back_a_revision()
    {
        var decision = await RecordedDecision.Record(App);
        var riga = await StrategyUnderWay.Start(App, "coordinator.riga", "riga");

        (await riga.Propose(new ProposeRevision(riga.Version, RevisionReason.RoundTableOutcome, decision.DecisionId, "Borrowed",
            [Items.Add(Items.Objective())]))).StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task another_citys_staff_may_neither_read_nor_write_the_strategy()
    {
        var strategy = await StrategyUnderWay.Start(App);
        var riga = await App.ClientFor("coordinator.riga");

        (await riga.GetAsync(strategy.Url)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await strategy.Propose(strategy.Revision(Items.Add(Items.Objective())), riga)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await riga.PostAsJsonAsync($"{strategy.Url}/revisions/{Guid.CreateVersion7()}/adopt", new AdoptRevision(1), Json.Options))
            .StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task observers_read_the_strategy_only_once_it_is_adopted_for_piloting_and_auditors_always()
    {
        var strategy = await StrategyUnderWay.Start(App);
        var observer = await App.ClientFor("observer");
        var auditor = await App.ClientFor("auditor");

        (await observer.GetAsync(strategy.Url)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await observer.GetAsync($"{strategy.Url}/diff?from=0&to=0")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await observer.GetAsync($"/api/cities/{strategy.CityId}/dashboard")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await auditor.GetAsync(strategy.Url)).StatusCode.ShouldBe(HttpStatusCode.OK);
        strategy = await strategy.AdvanceOk(StrategyStatus.Consultation);
        (await observer.GetAsync(strategy.Url)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        strategy = await strategy.AdvanceOk(StrategyStatus.AdoptedPilot, new("Cluj-Napoca Local Council", new DateOnly(2021, 2, 25)));

        (await strategy.Details(observer)).Status.ShouldBe(StrategyStatus.AdoptedPilot);
        (await observer.PostAsJsonAsync($"{strategy.Url}/status", new { version = strategy.Version, to = "PILOTING" }, Json.Options))
            .StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task a_revision_proposed_before_a_conflicting_one_was_adopted_cannot_be_adopted()
    {
        var strategy = await StrategyUnderWay.Start(App);
        var objective = Items.Objective();
        (strategy, _) = await strategy.Revise(strategy.Revision(Items.Add(objective)));
        var first = await (await strategy.Propose(strategy.Revision(Items.Add(Items.Measure(objective.Id))))).Read<StrategyChanged>();
        strategy = strategy with { Version = first.Version };
        (strategy, _) = await strategy.Revise(strategy.Revision(new StrategyChange(ChangeKind.RemoveObjective, objective.Id)));

        (await strategy.Staff.PostAsJsonAsync($"{strategy.Url}/revisions/{first.RevisionId}/adopt", new AdoptRevision(strategy.Version), Json.Options))
            .StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
    }
}
