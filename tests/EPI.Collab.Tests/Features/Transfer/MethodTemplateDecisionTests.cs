using EPI.Collab.Api.Features.ReferenceData;
using EPI.Collab.Api.Features.Strategies;
using EPI.Collab.Api.Features.Transfer.ImportingTemplate;
using EPI.Collab.Api.Features.Transfer.MethodTemplates;
using EPI.Collab.Api.Features.Workshops;
using EPI.Collab.Api.Features.Workshops.ListingWorkshops;
using EPI.Collab.Api.Infrastructure.Auth;
using EPI.Collab.Tests.Features.Strategies;

namespace EPI.Collab.Tests.Features.Transfer;

[Trait(Lane.Name, Lane.Unit)]
public class MethodTemplateDecisionTests
{
    private static readonly Actor Staff = new(Guid.CreateVersion7(), Roles.Facilitator);
    private static readonly DateTimeOffset Now = new(2022, 5, 2, 9, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(0, "<5")]
    [InlineData(4, "<5")]
    [InlineData(5, "5")]
    [InlineData(112, "112")]
    public void counts_below_five_are_suppressed(int count, string shown) => MethodTemplate.Suppress(count).ShouldBe(shown);

    [Fact]
    public void export_keeps_structure_and_drops_budgets_organisations_and_origins()
    {
        var objective = Items.Objective();
        var measure = Items.Measure(objective.Id, origins: [Guid.CreateVersion7()]);
        var document = StrategyDocument.Draft("Strategy", [new LocalizedText("en", "Vision")])
            .Apply([Items.Add(objective), Items.Add(measure), Items.Add(Items.Indicator(measureId: measure.Id))]);
        var workshop = new CityWorkshop(Guid.CreateVersion7(), "cluj-napoca", WorkshopKind.PolicyDesignRoundTable, "Round table 1",
            [new LocalizedText("en", "Question")], ["en"], null, null, WorkshopStatus.Closed, Now);
        var rules = new EPI.Collab.Api.Features.Voting.RoundRules(EPI.Collab.Api.Features.Voting.VotingMethod.Dot,
            EPI.Collab.Api.Features.Voting.ResultsVisibility.Live, false, true, 5);

        var template = MethodTemplate.Export("cluj-napoca", [(workshop, [new AgendaPhase(Guid.CreateVersion7(), PhaseType.Brainstorm, "Ideas", 10)])],
            [rules, rules], document, new RawOutcomes(1, 12, 40, 2, 1));

        template.ShouldSatisfyAllConditions(
            t => t.TemplateVersion.ShouldBe(1),
            t => t.AgendaTemplates.Single().Phases.ShouldBe([new(PhaseType.Brainstorm, 10, "Ideas")]),
            t => t.VotingRules.ShouldBe([rules]),
            t => t.StrategySkeleton!.Objectives.Single().Measures.Single().ShouldBe(new MeasureSkeleton("EPI One-Stop-Shop", true, 1,
                [new IndicatorSkeleton("Newcomers counselled", IndicatorType.Output, "persons", IndicatorFrequency.Quarterly)]), new MeasureSkeletonComparer()),
            t => t.Outcomes.ShouldBe(new OutcomeFigures("<5", "12", "40", "<5", "<5")));
    }

    [Fact]
    public void a_template_of_another_version_is_refused_field_by_field()
    {
        (MethodTemplate.Example with { TemplateVersion = 2 }).Check().Fields().ShouldBe(["templateVersion"]);
    }

    [Fact]
    public void malformed_agendas_and_objectives_are_named()
    {
        var broken = MethodTemplate.Example with
        {
            AgendaTemplates = [MethodTemplate.Example.AgendaTemplates[0] with { Phases = [new(PhaseType.Vote, 0)] }],
            StrategySkeleton = new([new ObjectiveSkeleton([], ["NOPE"], [], [], [])])
        };

        broken.Check().Fields().Order().ShouldBe([
            "agendaTemplates[0]", "strategySkeleton.objectives[0].policyAreaCodes", "strategySkeleton.objectives[0].statement",
            "strategySkeleton.objectives[0].themes"]);
    }

    [Fact]
    public void an_unknown_workshop_kind_is_refused() =>
        (MethodTemplate.Example with { AgendaTemplates = [MethodTemplate.Example.AgendaTemplates[0] with { Kind = (WorkshopKind)99 }] })
            .Check().Fields().ShouldBe(["agendaTemplates[0]"]);

    [Fact]
    public void import_schedules_every_agenda_and_drafts_a_strategy_with_the_objectives_as_a_first_revision()
    {
        var importId = Guid.CreateVersion7();

        var plan = ImportMethodTemplateEndpoint.Decide(MethodTemplate.Example, "riga", false, importId, Staff, Now);

        plan.Workshops.Single().ShouldSatisfyAllConditions(w => w.CityId.ShouldBe("riga"), w => w.Agenda!.Count.ShouldBe(3),
            w => w.Kind.ShouldBe(WorkshopKind.PolicyDesignRoundTable), w => w.StartsAt.ShouldBeNull());
        Workshop.Create(plan.Workshops[0]).Status.ShouldBe(WorkshopStatus.Scheduled);
        plan.Drafted!.StrategyId.ShouldBe(StrategyStream.Id("riga"));
        plan.Objectives!.Changes.Single().Objective!.PolicyAreaCodes.ShouldBe(["PUBSERV"]);
        plan.Imported.ShouldSatisfyAllConditions(e => e.SourceCityId.ShouldBe("cluj-napoca"), e => e.TemplateVersion.ShouldBe(1),
            e => e.WorkshopIds.ShouldBe([plan.Workshops[0].WorkshopId]), e => e.StrategySkipped.ShouldBeFalse());
    }

    [Fact]
    public void import_into_a_city_with_a_strategy_leaves_the_strategy_and_says_so()
    {
        var plan = ImportMethodTemplateEndpoint.Decide(MethodTemplate.Example, "riga", true, Guid.CreateVersion7(), Staff, Now);

        plan.ShouldSatisfyAllConditions(p => p.Drafted.ShouldBeNull(), p => p.Objectives.ShouldBeNull(), p => p.Workshops.Count.ShouldBe(1),
            p => p.Imported.StrategySkipped.ShouldBeTrue());
    }

    private sealed class MeasureSkeletonComparer : IEqualityComparer<MeasureSkeleton>
    {
        public bool Equals(MeasureSkeleton? x, MeasureSkeleton? y) =>
            x is not null && y is not null && x.Title == y.Title && x.Pilot == y.Pilot && x.Milestones == y.Milestones && x.Indicators.SequenceEqual(y.Indicators);

        public int GetHashCode(MeasureSkeleton obj) => obj.Title.GetHashCode();
    }
}
