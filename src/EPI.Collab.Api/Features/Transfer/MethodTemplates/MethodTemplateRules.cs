using EPI.Collab.Api.Features.ReferenceData;
using EPI.Collab.Api.Features.Strategies;
using EPI.Collab.Api.Features.Workshops.Scheduling;
using EPI.Collab.Api.Infrastructure;

namespace EPI.Collab.Api.Features.Transfer.MethodTemplates;

/// <summary>What an imported template must satisfy (400 with field errors): the version this server reads and well-formed parts.</summary>
public static class MethodTemplateRules
{
    public const int MaxAgendas = 50;
    public const int MaxObjectives = 50;

    public static Validation Check(this MethodTemplate t)
    {
        var v = new Validation()
            .Require(t.TemplateVersion == MethodTemplate.CurrentVersion, "templateVersion", $"This server reads template version {MethodTemplate.CurrentVersion}.")
            .RequireLength(t.SourceCityId, "sourceCityId", 1, 100)
            .Require(t.AgendaTemplates is { Count: <= MaxAgendas }, "agendaTemplates", $"A list of at most {MaxAgendas}.")
            .Require(t.VotingRules is not null, "votingRules", "A list (may be empty).");
        foreach (var (a, i) in (t.AgendaTemplates ?? []).Select((a, i) => (a, i)))
        {
            if (a is null) { v.Add($"agendaTemplates[{i}]", "Required."); continue; }
            if (!Enum.IsDefined(a.Kind) || Schedule(a).Check() is { IsValid: false }) v.Add($"agendaTemplates[{i}]",
                "A known kind, a title of 1 to 200 characters, a focus question in accepted languages, up to 40 phases of 1 to 240 minutes.");
        }
        foreach (var (r, i) in (t.VotingRules ?? []).Select((r, i) => (r, i)))
            v.Require(r is not null && Enum.IsDefined(r.Method) && Enum.IsDefined(r.Visibility), $"votingRules[{i}]", "A known method and visibility.");
        if (t.StrategySkeleton is { } s)
        {
            v.Require(s.Objectives is { Count: <= MaxObjectives }, "strategySkeleton.objectives", $"A list of at most {MaxObjectives}.");
            foreach (var (o, i) in (s.Objectives ?? []).Select((o, i) => (o, i)))
            {
                var at = $"strategySkeleton.objectives[{i}]";
                if (o is null) { v.Add(at, "Required."); continue; }
                v.RequireTexts(o.Statement, $"{at}.statement")
                    .Require((o.PolicyAreaCodes ?? []).All(c => c is not null && PolicyAreas.Exists(c)), $"{at}.policyAreaCodes", "Known policy area codes.")
                    .Require(o.Themes is { Count: > 0 } && o.Themes.All(Enum.IsDefined), $"{at}.themes", "One or more EPI themes.");
            }
        }
        return v;
    }

    /// <summary>The scheduling command an agenda template becomes in the importing city (same checks as scheduling by hand).</summary>
    public static ScheduleWorkshop Schedule(AgendaTemplate a) => new(a.Kind, a.Title, a.FocusQuestion ?? [],
        [.. (a.FocusQuestion ?? []).Select(q => q?.Lang ?? "").Distinct()], null, null, a.Phases ?? []);

    /// <summary>The objectives of the skeleton as additions to a first revision, with ids derived from the import.</summary>
    public static IReadOnlyList<StrategyChange> Objectives(StrategySkeleton skeleton, Guid importId) =>
        [.. skeleton.Objectives.Select((o, i) => new StrategyChange(ChangeKind.AddObjective,
            Objective: new StrategicObjective(DeterministicGuid.Create(importId, $"objective:{i}"), [.. o.Statement.Select(s => s.Trimmed())],
                o.PolicyAreaCodes ?? [], o.Themes)))];
}
