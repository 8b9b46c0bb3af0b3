namespace EPI.Collab.Api.Features.ReferenceData;

/// <param name="PolicyAreaCodes">The ICC areas this theme maps to (DOMAIN §5.1; an inferred crosswalk, not a CoE one).</param>
public sealed record EpiTheme(string Code, string Taxonomy, IReadOnlyList<LocalizedText> Labels, IReadOnlyList<string> PolicyAreaCodes);

/// <summary>The five EPI themes and their crosswalk to the ICC Index policy areas.</summary>
public static class EpiThemes
{
    public const string Taxonomy = "EPI_THEME";

    public static readonly IReadOnlyList<EpiTheme> Crosswalk =
    [
        new("INCLUSION", Taxonomy, Labels.Of("Inclusion", "Inclusión", "Incluziune", "Inklusion", "Inkludering", "Włączenie społeczne",
            "Inclusione", "Iekļaušana"), ["COMMIT", "ANTID", "PART", "LEAD"]),
        new("HOUSING", Taxonomy, Labels.Of("Housing", "Vivienda", "Locuire", "Wohnen", "Bostäder", "Mieszkalnictwo", "Abitazione", "Mājokļi"),
            ["NEIGH"]),
        new("BASIC_SERVICES_HEALTH", Taxonomy, Labels.Of("Basic services and health", "Servicios básicos y salud", "Servicii de bază și sănătate",
            "Grundversorgung und Gesundheit", "Grundläggande service och hälsa", "Usługi podstawowe i zdrowie", "Servizi di base e salute",
            "Pamatpakalpojumi un veselība"), ["PUBSERV", "WELC"]),
        new("CULTURAL_EXCHANGE", Taxonomy, Labels.Of("Cultural exchange", "Intercambio cultural", "Schimb cultural", "Kultureller Austausch",
            "Kulturutbyte", "Wymiana kulturalna", "Scambio culturale", "Kultūras apmaiņa"), ["CULT", "INTER"]),
        new("LABOUR_MARKET", Taxonomy, Labels.Of("Labour market", "Mercado laboral", "Piața muncii", "Arbeitsmarkt", "Arbetsmarknad",
            "Rynek pracy", "Mercato del lavoro", "Darba tirgus"), ["BUS"])
    ];

    public static IReadOnlyList<EpiTheme> All => Crosswalk;
}

/// <summary>Reference labels, given in the order of <see cref="Languages.Core"/>.</summary>
public static class Labels
{
    public static IReadOnlyList<LocalizedText> Of(params string[] texts) =>
        texts.Length == Languages.Core.Count
            ? Languages.Core.Zip(texts, (lang, text) => new LocalizedText(lang, text)).ToList()
            : throw new ArgumentException($"A label needs {Languages.Core.Count} languages.");
}
