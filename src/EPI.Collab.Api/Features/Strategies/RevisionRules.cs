using EPI.Collab.Api.Features.ReferenceData;
using EPI.Collab.Api.Infrastructure;

namespace EPI.Collab.Api.Features.Strategies;

/// <summary>
/// What a revision must satisfy: well-formed changes (400 field errors) and changes that fit the document they are
/// applied to (422), checked when proposed and again when adopted, since other revisions may have been adopted meanwhile.
/// </summary>
public static class RevisionRules
{
    public const int MaxChanges = 100;
    /// <summary>Language versions of one text.</summary>
    public const int MaxTexts = 20;
    public const int MaxText = 2000;
    public const int MaxTitle = 200;

    public static Validation RequireTexts(this Validation v, IReadOnlyList<LocalizedText>? texts, string field)
    {
        v.Require(texts is { Count: > 0 }, field, "At least one language version is required.", "text-length");
        foreach (var (text, i) in (texts ?? []).Select((t, i) => (t, i))) v.RequireText(text, $"{field}[{i}]", 1, MaxText);
        return v;
    }

    public static Validation CheckChanges(this Validation v, IReadOnlyList<StrategyChange>? changes)
    {
        v.Require(changes is { Count: > 0 and <= MaxChanges }, "changes", $"Between 1 and {MaxChanges} changes.");
        foreach (var (c, i) in (changes ?? []).Select((c, i) => (c, i)))
        {
            var at = $"changes[{i}]";
            if (c is null || !Enum.IsDefined(c.Kind)) { v.Add($"{at}.kind", "Unknown change kind."); continue; }
            switch (c.Kind)
            {
                case ChangeKind.AddObjective or ChangeKind.UpdateObjective:
                    Check(v, c.Objective, $"{at}.objective", c.Kind == ChangeKind.UpdateObjective); break;
                case ChangeKind.AddMeasure or ChangeKind.UpdateMeasure:
                    Check(v, c.Measure, $"{at}.measure", c.Kind == ChangeKind.UpdateMeasure); break;
                case ChangeKind.AddIndicator or ChangeKind.UpdateIndicator:
                    Check(v, c.Indicator, $"{at}.indicator", c.Kind == ChangeKind.UpdateIndicator); break;
                case ChangeKind.SetVision: v.RequireTexts(c.Vision, $"{at}.vision"); break;
                default: v.Require(c.Id is { } id && id != Guid.Empty, $"{at}.id", "The id of the item to remove."); break;
            }
        }
        return v;
    }

    private static void Check(Validation v, StrategicObjective? o, string at, bool update)
    {
        if (o is null) { v.Add(at, "Required for this change."); return; }
        v.Require(!update || o.Id != Guid.Empty, $"{at}.id", "The id of the objective to update.");
        v.RequireTexts(o.Statement, $"{at}.statement");
        foreach (var (code, i) in (o.PolicyAreaCodes ?? []).Select((c, i) => (c, i)))
            v.Require(code is not null && PolicyAreas.Exists(code), $"{at}.policyAreaCodes[{i}]", "Unknown policy area code.", "policy-area-unknown");
        v.Require(o.Themes is { Count: > 0 } && o.Themes.All(Enum.IsDefined), $"{at}.themes", "One or more EPI themes.");
    }

    private static void Check(Validation v, Measure? m, string at, bool update)
    {
        if (m is null) { v.Add(at, "Required for this change."); return; }
        v.Require(!update || m.Id != Guid.Empty, $"{at}.id", "The id of the measure to update.")
            .Require(m.ObjectiveId != Guid.Empty, $"{at}.objectiveId", "The objective the measure serves.")
            .RequireLength(m.Title, $"{at}.title", 1, MaxTitle)
            .RequireLength(m.Description, $"{at}.description", 0, MaxText)
            .Require(m.LeadOrganisationId != Guid.Empty, $"{at}.leadOrganisationId", "The lead organisation.")
            .Require((m.TargetGroups ?? []).All(g => g is { Length: > 0 and <= 100 }), $"{at}.targetGroups", "Each 1 to 100 characters.");
        if (m.Timeline is null) v.Add($"{at}.timeline", "A start, an end and milestones.");
        else
        {
            v.Require(m.Timeline.End >= m.Timeline.Start, $"{at}.timeline.end", "Not before the start.");
            foreach (var (milestone, i) in (m.Timeline.Milestones ?? []).Select((x, i) => (x, i)))
                v.RequireLength(milestone?.Title, $"{at}.timeline.milestones[{i}].title", 1, MaxTitle);
        }
        if (m.Budget is null) v.Add($"{at}.budget", "An amount in EUR and its source.");
        else v.Require(m.Budget.Amount >= 0, $"{at}.budget.amount", "Zero or more.")
            .Require(m.Budget.Currency == "EUR", $"{at}.budget.currency", "EUR.")
            .Require(Enum.IsDefined(m.Budget.Source), $"{at}.budget.source", "AMIF, MUNICIPAL or OTHER.");
    }

    private static void Check(Validation v, Indicator? x, string at, bool update)
    {
        if (x is null) { v.Add(at, "Required for this change."); return; }
        v.Require(!update || x.Id != Guid.Empty, $"{at}.id", "The id of the indicator to update.")
            .RequireLength(x.Name, $"{at}.name", 1, MaxTitle)
            .Require(Enum.IsDefined(x.Type), $"{at}.type", "OUTPUT, OUTCOME, IMPACT or PROCESS.")
            .RequireLength(x.Unit, $"{at}.unit", 1, 50)
            .Require(x.Baseline is not null, $"{at}.baseline", "A value and its date.")
            .Require(x.Target is not null, $"{at}.target", "A value and its date.")
            .Require(x.Baseline is null || x.Target is null || x.Target.Date >= x.Baseline.Date, $"{at}.target.date", "Not before the baseline.")
            .Require(Enum.IsDefined(x.Frequency), $"{at}.frequency", "MONTHLY, QUARTERLY, SEMI_ANNUAL or ANNUAL.")
            .Require(x.ObjectiveId.HasValue != x.MeasureId.HasValue, $"{at}.objectiveId", "Either an objective or a measure, not both.");
    }

    /// <summary>Applies the changes one by one to <paramref name="document"/>; the first that does not fit is named (null: all fit).</summary>
    public static string? Misfit(StrategyDocument document, IReadOnlyList<StrategyChange> changes)
    {
        foreach (var (c, i) in changes.Select((c, i) => (c, i)))
        {
            var problem = Misfit(document, c);
            if (problem is not null) return $"Change {i} ({c.Kind}): {problem}";
            document = document.Apply(c);
        }
        return null;
    }

    private static string? Misfit(StrategyDocument d, StrategyChange c) => c.Kind switch
    {
        ChangeKind.AddObjective or ChangeKind.AddMeasure or ChangeKind.AddIndicator when d.HasItem(c.TargetId!.Value) =>
            $"the id {c.TargetId} is already in use.",
        ChangeKind.UpdateObjective or ChangeKind.RemoveObjective when !d.HasObjective(c.TargetId!.Value) => $"there is no objective {c.TargetId}.",
        ChangeKind.UpdateMeasure or ChangeKind.RemoveMeasure when !d.HasMeasure(c.TargetId!.Value) => $"there is no measure {c.TargetId}.",
        ChangeKind.UpdateIndicator or ChangeKind.RemoveIndicator when !d.HasIndicator(c.TargetId!.Value) => $"there is no indicator {c.TargetId}.",
        ChangeKind.AddMeasure or ChangeKind.UpdateMeasure when !d.HasObjective(c.Measure!.ObjectiveId) =>
            $"there is no objective {c.Measure.ObjectiveId}.",
        ChangeKind.AddIndicator or ChangeKind.UpdateIndicator when c.Indicator!.ObjectiveId is { } o && !d.HasObjective(o) => $"there is no objective {o}.",
        ChangeKind.AddIndicator or ChangeKind.UpdateIndicator when c.Indicator!.MeasureId is { } m && !d.HasMeasure(m) => $"there is no measure {m}.",
        ChangeKind.RemoveObjective when d.Measures.Any(m => m.ObjectiveId == c.Id) || d.Indicators.Any(x => x.ObjectiveId == c.Id) =>
            "move or remove its measures and indicators first.",
        ChangeKind.RemoveMeasure when d.Indicators.Any(x => x.MeasureId == c.Id) => "move or remove its indicators first.",
        _ => null
    };
}
