using EPI.Collab.Client;
using EpiTheme = EPI.Collab.Api.Features.Strategies.EpiTheme;

namespace EPI.Collab.Api.Features.Demo;

/// <summary>Marks every demo text that no source backs (DOMAIN §7: invented examples are marked as invented in the data).</summary>
public static class Invented
{
    public const string Mark = "[invented example]";
    public static string Text(string text) => $"{text} {Mark}";
}

/// <param name="Narrative">Say in it whether the score is sourced or <see cref="Invented.Mark"/>.</param>
public sealed record DemoScore(string PolicyAreaCode, int Score, string Narrative);

/// <summary>A closed round table: its proposals, one approval round, and a decision adopting the first <paramref name="Adopt"/>.</summary>
public sealed record DemoRoundTable(string Title, string Question, IReadOnlyList<string> Proposals, int Adopt, string Rationale);

/// <param name="Observed">Values recorded by the pilot, one per month from its launch.</param>
public sealed record DemoIndicator(string Name, IndicatorType Type, string Unit, decimal Baseline, decimal Target, IReadOnlyList<decimal> Observed);

/// <summary>What one revision adds: an objective and a measure that came from the round table of the same index.</summary>
public sealed record DemoMeasure(string Objective, IReadOnlyList<string> PolicyAreaCodes, IReadOnlyList<EpiTheme> Themes, string Title,
    string Description, bool Pilot, IReadOnlyList<DemoIndicator> Indicators);

/// <summary>
/// One city's demo story: organisations, a published review, round tables with votes and decisions, a strategy whose
/// revision i comes from the decision of round table i, and a pilot of the first measure with observations.
/// </summary>
public sealed record DemoStory(
    string CityId, IReadOnlyList<RegisterOrganisation> Organisations, string Methodology, DateOnly ReviewFrom, DateOnly ReviewTo,
    IReadOnlyList<DemoScore> Scores, IReadOnlyList<DemoRoundTable> RoundTables, string StrategyTitle, string Vision,
    IReadOnlyList<DemoMeasure> Measures, Adoption Adoption, string PilotTitle, DateOnly PilotLaunch, DateOnly PilotEnd,
    IReadOnlyList<string> PilotSites);
