using System.Net;
using System.Net.Http.Json;
using EPI.Collab.Api.Features.Strategies;
using EPI.Collab.Api.Features.Strategies.Adopting;
using EPI.Collab.Api.Features.Strategies.Rejecting;
using EPI.Collab.Tests.Features.Proposals;
using EPI.Collab.Tests.Features.Workshops;

namespace EPI.Collab.Tests.Features.Strategies;

public sealed class RejectRevisionTests(AppFixture app) : IntegrationTest(app)
{
    private async Task<(StrategyUnderWay Strategy, StrategyChanged Proposed)> Proposed()
    {
        var strategy = await StrategyUnderWay.Start(App);
        var proposed = await (await strategy.Propose(strategy.Revision(Items.Add(Items.Objective())))).Read<StrategyChanged>();
        return (strategy with { Version = proposed.Version }, proposed);
    }

    [Fact]
    public async Task a_rejected_revision_leaves_the_document_as_it_was_and_cannot_be_adopted()
    {
        var (strategy, proposed) = await Proposed();
        var decision = await RecordedDecision.Record(App);

        var rejected = await strategy.Staff.PostAsJsonAsync($"{strategy.Url}/revisions/{proposed.RevisionId}/reject",
            new RejectRevision(proposed.Version, "The round table preferred housing.", decision.DecisionId), Json.Options);

        var changed = await rejected.Read<StrategyChanged>();
        var details = await strategy.Details();
        details.ShouldSatisfyAllConditions(d => d.RevisionNo.ShouldBe(0), d => d.Document.Objectives.ShouldBeEmpty(),
            d => d.Revisions.Single().Rejection!.DecisionId.ShouldBe(decision.DecisionId), d => d.Revisions.Single().IsPending.ShouldBeFalse());
        (await strategy.Staff.PostAsJsonAsync($"{strategy.Url}/revisions/{proposed.RevisionId}/adopt", new AdoptRevision(changed.Version), Json.Options))
            .StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public void the_example_is_valid() => RejectRevision.Example.Check().IsValid.ShouldBeTrue();

    [Fact]
    public async Task a_rejection_needs_a_reason_a_known_decision_and_a_coordinator()
    {
        var (strategy, proposed) = await Proposed();
        var url = $"{strategy.Url}/revisions/{proposed.RevisionId}/reject";

        (await (await strategy.Staff.PostAsJsonAsync(url, new RejectRevision(proposed.Version, " ", null), Json.Options)).Read400()).Errors.Keys.ShouldBe(["reason"]);
        (await strategy.Staff.PostAsJsonAsync(url, new RejectRevision(proposed.Version, "No.", Guid.CreateVersion7()), Json.Options))
            .StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await (await App.ClientFor("facilitator.cluj")).PostAsJsonAsync(url, new RejectRevision(proposed.Version, "No.", null), Json.Options))
            .StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await strategy.Details()).Revisions.Single().IsPending.ShouldBeTrue();
    }
}
