namespace EPI.Collab.Api.Features.ReferenceData;

public sealed record PolicyArea(string Code, string Label, string? ParentCode, bool Optional);

/// <summary>
/// The Council of Europe ICC Index policy areas (2019 revision, 12 areas; the "intercultural lens" has six
/// sub-areas; Participation and Interaction are optional). Codes follow DOMAIN.md §2.2.
/// </summary>
public static class PolicyAreas
{
    public const string Taxonomy = "ICC_2019";

    public static readonly IReadOnlyList<PolicyArea> All =
    [
        new("COMMIT", "Commitment", null, false),
        new("LENS", "The city through an intercultural lens", null, false),
        new("EDU", "Education", "LENS", false),
        new("NEIGH", "Neighbourhoods", "LENS", false),
        new("PUBSERV", "Public services", "LENS", false),
        new("BUS", "Business and labour market", "LENS", false),
        new("CULT", "Cultural and social life", "LENS", false),
        new("PUBSPACE", "Public space", "LENS", false),
        new("MEDI", "Mediation and conflict resolution", null, false),
        new("LANG", "Language", null, false),
        new("MEDIA", "Media and communication", null, false),
        new("INTL", "International outlook", null, false),
        new("INTEL", "Intercultural intelligence and competence", null, false),
        new("WELC", "Welcoming newcomers", null, false),
        new("LEAD", "Leadership and citizenship", null, false),
        new("ANTID", "Anti-discrimination", null, false),
        new("PART", "Participation", null, true),
        new("INTER", "Interaction", null, true)
    ];

    public static bool Exists(string code) => All.Any(a => a.Code == code);
}
