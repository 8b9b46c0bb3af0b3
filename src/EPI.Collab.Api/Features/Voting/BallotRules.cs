using EPI.Collab.Api.Infrastructure;

namespace EPI.Collab.Api.Features.Voting;

/// <summary>What makes a ballot valid under a round's method (pure).</summary>
public static class BallotRules
{
    public const int MaxReasonLength = 1000;

    public static Validation Check(RoundRules rules, IReadOnlyList<RoundOption> options, IReadOnlyList<BallotMark>? marks)
    {
        var v = new Validation();
        if (marks is null) return v.Add("marks", "The marks are required.", "marks-required");
        var known = options.Select(o => o.OptionId).ToHashSet();
        v.Require(marks.All(m => m is not null && known.Contains(m.OptionId)), "marks", "Every mark must name an option of this round.", "option-unknown");
        v.Require(marks.Where(m => m is not null).Select(m => m.OptionId).Distinct().Count() == marks.Count, "marks",
            "An option can be marked once.", "option-repeated");
        if (!v.IsValid) return v;

        switch (rules.Method)
        {
            case VotingMethod.Approval:
                v.Require(marks.All(m => m.Value == 1), "marks", "Approval marks have the value 1.", "approval-value");
                break;
            case VotingMethod.Dot:
                v.Require(marks.All(m => m.Value >= 1 && m.Value <= rules.MaxDotsPerOption), "marks",
                    $"Between 1 and {rules.MaxDotsPerOption} dots per option.", "dots-per-option");
                v.Require(marks.Sum(m => m.Value) <= rules.DotBudget, "marks", $"At most {rules.DotBudget} dots in all.", "dots-budget");
                break;
            case VotingMethod.Ranked:
                v.Require(marks.Select(m => m.Value).Order().SequenceEqual(Enumerable.Range(1, marks.Count)), "marks",
                    "Ranks run 1, 2, 3, … without gaps or ties.", "ranks-consecutive");
                break;
            case VotingMethod.Score:
                v.Require(marks.All(m => m.Value is >= 1 and <= 5), "marks", "Scores run from 1 to 5.", "score-range");
                break;
            case VotingMethod.ImpactFeasibility:
                v.Require(marks.All(m => m.Value is >= 1 and <= 5 && m.Second is >= 1 and <= 5), "marks",
                    "Impact (value) and feasibility (second) run from 1 to 5.", "impact-feasibility-range");
                break;
            case VotingMethod.Consent:
                v.Require(marks.All(m => m.Value is -1 or 0 or 1), "marks", "Consent is 1 (agree), 0 (abstain) or -1 (object).", "consent-value");
                v.Require(marks.All(m => m.Value != -1 || !string.IsNullOrWhiteSpace(m.Reason)), "marks", "An objection needs a reason.", "objection-reason");
                break;
        }
        v.Require(marks.All(m => (m.Reason?.Length ?? 0) <= MaxReasonLength), "marks", $"Reasons have at most {MaxReasonLength} characters.", "reason-too-long");
        return v;
    }

    /// <summary>Rules that make sense for the method, checked when a round opens.</summary>
    public static Validation CheckRules(RoundRules rules, int optionCount)
    {
        var v = new Validation()
            .Require(Enum.IsDefined(rules.Method), "rules.method", "Unknown voting method.")
            .Require(Enum.IsDefined(rules.Visibility), "rules.visibility", "Unknown results visibility.")
            .Require(rules.QuadrantThreshold is >= 1 and <= 5, "rules.quadrantThreshold", "Between 1 and 5.");
        if (rules.Method == VotingMethod.Dot)
        {
            v.Require(rules.DotBudget is >= 1 and <= 100, "rules.dotBudget", "Dot voting needs a budget between 1 and 100.");
            v.Require(rules.MaxDotsPerOption is >= 1 && rules.MaxDotsPerOption <= (rules.DotBudget ?? 0), "rules.maxDotsPerOption",
                "Dot voting needs a maximum per option between 1 and the budget.");
        }
        v.Require(optionCount is >= 2 and <= 50 || rules.Method == VotingMethod.Consent && optionCount is >= 1 and <= 50,
            "options", "Between 2 and 50 options (consent: at least 1).");
        return v;
    }
}
