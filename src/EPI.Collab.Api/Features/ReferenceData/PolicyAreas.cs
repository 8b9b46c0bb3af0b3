namespace EPI.Collab.Api.Features.ReferenceData;

/// <param name="Label">The English label (kept for older clients; <paramref name="Labels"/> has all eight languages).</param>
/// <param name="Labels">The label in English and the seven city languages.</param>
/// <param name="EpiThemes">The EPI themes this area maps to (the crosswalk of DOMAIN §5.1).</param>
public sealed record PolicyArea(
    string Code, string Label, string? ParentCode, bool Optional, string Taxonomy, IReadOnlyList<LocalizedText> Labels,
    IReadOnlyList<string> EpiThemes);

/// <summary>
/// The Council of Europe ICC Index policy areas (2019 revision, 12 areas; the "intercultural lens" has six
/// sub-areas; Participation and Interaction are optional). Codes follow DOMAIN.md §2.2.
/// </summary>
public static class PolicyAreas
{
    /// <summary>Bounds of a list of area codes in a request.</summary>
    public const int MaxCodes = 20, MaxCodeLength = 10;

    public const string Taxonomy = "ICC_2019";

    public static readonly IReadOnlyList<PolicyArea> All =
    [
        Area("COMMIT", null, false, Labels.Of("Commitment", "Compromiso", "Angajament", "Engagement", "Engagemang", "Zaangażowanie", "Impegno", "Apņemšanās")),
        Area("LENS", null, false, Labels.Of("The city through an intercultural lens", "La ciudad a través de una lente intercultural",
            "Orașul prin lentila interculturală", "Die Stadt durch die interkulturelle Brille", "Staden genom en interkulturell lins",
            "Miasto przez pryzmat międzykulturowy", "La città attraverso la lente interculturale", "Pilsēta caur starpkultūru prizmu")),
        Area("EDU", "LENS", false, Labels.Of("Education", "Educación", "Educație", "Bildung", "Utbildning", "Edukacja", "Istruzione", "Izglītība")),
        Area("NEIGH", "LENS", false, Labels.Of("Neighbourhoods", "Barrios", "Cartiere", "Stadtviertel", "Bostadsområden", "Dzielnice", "Quartieri", "Apkaimes")),
        Area("PUBSERV", "LENS", false, Labels.Of("Public services", "Servicios públicos", "Servicii publice", "Öffentliche Dienste",
            "Offentliga tjänster", "Usługi publiczne", "Servizi pubblici", "Sabiedriskie pakalpojumi")),
        Area("BUS", "LENS", false, Labels.Of("Business and labour market", "Empresa y mercado laboral", "Afaceri și piața muncii",
            "Wirtschaft und Arbeitsmarkt", "Näringsliv och arbetsmarknad", "Biznes i rynek pracy", "Imprese e mercato del lavoro",
            "Uzņēmējdarbība un darba tirgus")),
        Area("CULT", "LENS", false, Labels.Of("Cultural and social life", "Vida cultural y social", "Viața culturală și socială",
            "Kulturelles und soziales Leben", "Kultur- och samhällsliv", "Życie kulturalne i społeczne", "Vita culturale e sociale",
            "Kultūras un sabiedriskā dzīve")),
        Area("PUBSPACE", "LENS", false, Labels.Of("Public space", "Espacio público", "Spațiul public", "Öffentlicher Raum", "Offentliga rum",
            "Przestrzeń publiczna", "Spazio pubblico", "Publiskā telpa")),
        Area("MEDI", null, false, Labels.Of("Mediation and conflict resolution", "Mediación y resolución de conflictos",
            "Mediere și soluționarea conflictelor", "Mediation und Konfliktlösung", "Medling och konfliktlösning",
            "Mediacja i rozwiązywanie konfliktów", "Mediazione e risoluzione dei conflitti", "Mediācija un konfliktu mazināšana")),
        Area("LANG", null, false, Labels.Of("Language", "Idioma", "Limbă", "Sprache", "Språk", "Język", "Lingua", "Valoda")),
        Area("MEDIA", null, false, Labels.Of("Media and communication", "Medios y comunicación", "Mass-media și comunicare",
            "Medien und Kommunikation", "Medier och kommunikation", "Media i komunikacja", "Media e comunicazione", "Mediji un komunikācija")),
        Area("INTL", null, false, Labels.Of("International outlook", "Perspectiva internacional", "Perspectivă internațională",
            "Internationale Ausrichtung", "Internationellt perspektiv", "Perspektywa międzynarodowa", "Prospettiva internazionale",
            "Starptautiskais skatījums")),
        Area("INTEL", null, false, Labels.Of("Intercultural intelligence and competence", "Inteligencia y competencia intercultural",
            "Inteligență și competență interculturală", "Interkulturelle Intelligenz und Kompetenz", "Interkulturell intelligens och kompetens",
            "Inteligencja i kompetencje międzykulturowe", "Intelligenza e competenza interculturale", "Starpkultūru inteliģence un kompetence")),
        Area("WELC", null, false, Labels.Of("Welcoming newcomers", "Acogida de recién llegados", "Primirea nou-veniților",
            "Willkommen für Neuankommende", "Mottagande av nyanlända", "Przyjmowanie nowo przybyłych", "Accoglienza dei nuovi arrivati",
            "Jauniebraucēju uzņemšana")),
        Area("LEAD", null, false, Labels.Of("Leadership and citizenship", "Liderazgo y ciudadanía", "Leadership și cetățenie",
            "Führung und Bürgerschaft", "Ledarskap och medborgarskap", "Przywództwo i obywatelstwo", "Leadership e cittadinanza",
            "Līderība un pilsonība")),
        Area("ANTID", null, false, Labels.Of("Anti-discrimination", "Antidiscriminación", "Combaterea discriminării", "Antidiskriminierung",
            "Antidiskriminering", "Przeciwdziałanie dyskryminacji", "Antidiscriminazione", "Diskriminācijas novēršana")),
        Area("PART", null, true, Labels.Of("Participation", "Participación", "Participare", "Beteiligung", "Delaktighet", "Partycypacja",
            "Partecipazione", "Līdzdalība")),
        Area("INTER", null, true, Labels.Of("Interaction", "Interacción", "Interacțiune", "Interaktion", "Interaktion", "Interakcja",
            "Interazione", "Mijiedarbība"))
    ];

    private static PolicyArea Area(string code, string? parent, bool optional, IReadOnlyList<LocalizedText> labels) =>
        new(code, labels[0].Text, parent, optional, Taxonomy, labels,
            EpiThemes.Crosswalk.Where(t => t.PolicyAreaCodes.Contains(code)).Select(t => t.Code).ToList());

    public static bool Exists(string code) => All.Any(a => a.Code == code);
}
