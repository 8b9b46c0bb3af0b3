namespace EPI.Collab.Api.Features.Cities.Registering;

/// <summary>
/// The seven EPI cities with profile facts from ../shared/DOMAIN.md §7 and §1.2. Figures the domain
/// reference does not source say so in their <see cref="CityFacts.PopulationSource"/> or note.
/// </summary>
public static class EpiCities
{
    public static readonly IReadOnlyList<(string CityId, CityFacts Facts)> All =
    [
        ("cartagena", new CityFacts("Cartagena", "Cartagena", "ES", ["es"], ["ar", "ber", "uk", "en"], "Europe/Madrid",
            221_364, 2024, "La Opinión de Murcia, 19 May 2024", 12.29m,
            "ADLE (Local Development and Employment Agency) + Concejalía de Servicios Sociales", true, "ORIGINAL", null,
            "RECI member; ICC Index reports 2015, 2018, 2021.")),
        ("cluj-napoca", new CityFacts("Cluj-Napoca", "Cluj-Napoca", "RO", ["ro", "hu"], ["en", "fr", "ar"], "Europe/Bucharest",
            286_598, 2021, "2021 census (INS); not in the EPI domain sources, to be verified", null,
            "Cluj-Napoca Municipality", false, "REPLACEMENT", "Alimos (GR)",
            "Joined EPI in place of Alimos; lead partner PATRIR is based here.")),
        ("dietzenbach", new CityFacts("Dietzenbach", "Dietzenbach", "DE", ["de"], ["tr", "ar", "es", "it"], "Europe/Berlin",
            34_300, 2019, "dietzenbach.de", 31m,
            "Stabsstelle Integration", false, "ORIGINAL", null,
            "About 58% of residents have a migration background; supported by Pro Arbeit – Kreis Offenbach.")),
        ("linkoping", new CityFacts("Linköping", "Linköping", "SE", ["sv"], ["ar", "so", "fa", "prs", "bs"], "Europe/Stockholm",
            167_000, 2023, "Derived from linkoping.se: 31,396 foreign-born residents = 18.8% (2023)", null,
            "FoU Centrum", false, "ORIGINAL", null,
            "Foreign-born share 18.8% (2023); ICC Index score 53/100 in EPI.")),
        ("lublin", new CityFacts("Lublin", "Lublin", "PL", ["pl"], ["uk", "ru", "be", "tr", "en"], "Europe/Warsaw",
            340_000, 2020, "stopplotkom.lublin.eu (approximate; year inferred)", null,
            "Lublin Municipality", true, "ORIGINAL", null,
            "ICC pilot city since 2008.")),
        ("ravenna", new CityFacts("Ravenna", "Ravenna", "IT", ["it"], ["ro", "sq", "ar", "uk", "mk", "wo", "fr", "en"], "Europe/Rome",
            159_000, 2022, "tuttitalia.it", 11.1m,
            "U.O. Politiche per l'immigrazione e cooperazione decentrata", true, "ORIGINAL", null,
            "Supported by Consorzio Comunità Brianza.")),
        ("riga", new CityFacts("Riga", "Rīga", "LV", ["lv"], ["ru", "uk", "en"], "Europe/Riga",
            605_000, 2023, "Official statistics (approximate); not in the EPI domain sources, to be verified", null,
            "Riga City Council (Rīgas dome)", false, "ORIGINAL", null,
            "More than 250 ethnic groups (2015); joined the ICC network in 2023, after EPI."))
    ];
}
