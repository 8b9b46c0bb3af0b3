using EPI.Collab.Api.Features.ReferenceData;
using EPI.Collab.Api.Features.Strategies;
using EPI.Collab.Api.Features.Strategies.Diffing;

namespace EPI.Collab.Tests.Features.Strategies;

/// <summary>The diff names every item it lists and each field that changed, down to nested values and languages.</summary>
[Trait(Lane.Name, Lane.Unit)]
public class StrategyDiffTests
{
    private static readonly StrategicObjective Objective = Items.Objective() with
    {
        Statement = [new LocalizedText("en", "One door for newcomers."), new LocalizedText("ro", "O singură ușă.")]
    };

    private static readonly Measure Measure = Items.Measure(Objective.Id);
    private static readonly Indicator Indicator = Items.Indicator(measureId: Measure.Id);

    private static StrategyDocument Before => StrategyDocument.Draft("Cluj strategy", [new LocalizedText("en", "v")])
        .Apply([Items.Add(Objective), Items.Add(Measure), Items.Add(Indicator)]);

    [Fact]
    public void added_items_carry_their_names_and_no_fields()
    {
        var diff = StrategyDiff.Compare(StrategyDocument.Draft("Cluj strategy", []), Before, 0, 1);

        diff.Items.Select(i => (i.Item, i.Change)).ShouldBe([(DiffItemKind.Vision, DiffChange.Changed), (DiffItemKind.Objective, DiffChange.Added),
            (DiffItemKind.Measure, DiffChange.Added), (DiffItemKind.Indicator, DiffChange.Added)]);
        diff.Items[0].Fields.ShouldBe(["[en]"]);
        diff.Items.Skip(1).Select(i => i.Name[0].Text).ShouldBe(["One door for newcomers.", "EPI One-Stop-Shop", "Newcomers counselled"]);
        diff.Items.Skip(1).ShouldAllBe(i => i.Fields.Count == 0);
    }

    [Fact]
    public void a_changed_item_lists_nested_fields_and_changed_languages()
    {
        var after = Before.Apply([
            new StrategyChange(ChangeKind.UpdateObjective, Objective: Objective with
            {
                Statement = [new LocalizedText("en", "One door for newcomers."), new LocalizedText("ro", "O ușă.")]
            }),
            Items.Update(Measure with { Budget = Measure.Budget with { Amount = 55000m }, Title = "One-Stop-Shop" }),
            new StrategyChange(ChangeKind.RemoveIndicator, Id: Indicator.Id),
            new StrategyChange(ChangeKind.SetVision, Vision: [new LocalizedText("en", "v"), new LocalizedText("de", "w")])
        ]);

        var diff = StrategyDiff.Compare(Before, after, 1, 2);

        var vision = diff.Items.Single(i => i.Item == DiffItemKind.Vision);
        vision.Fields.ShouldBe(["[de]"]);
        vision.Name.ShouldBeEmpty();
        var objective = diff.Items.Single(i => i.Item == DiffItemKind.Objective);
        objective.Fields.ShouldBe(["statement[ro]"]);
        objective.Name.ShouldBe(after.Objectives[0].Statement);
        var measure = diff.Items.Single(i => i.Item == DiffItemKind.Measure);
        measure.ShouldSatisfyAllConditions(m => m.Change.ShouldBe(DiffChange.Changed), m => m.Name.Single().Text.ShouldBe("One-Stop-Shop"),
            m => m.Fields.ShouldBe(["title", "budget.amount"]));
        var indicator = diff.Items.Single(i => i.Item == DiffItemKind.Indicator);
        indicator.ShouldSatisfyAllConditions(i => i.Change.ShouldBe(DiffChange.Removed), i => i.Name.Single().Text.ShouldBe("Newcomers counselled"),
            i => i.After.ShouldBeNull());
    }
}
