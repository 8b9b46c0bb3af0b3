using EPI.Collab.Client;
using EpiTheme = EPI.Collab.Api.Features.Strategies.EpiTheme;
using static EPI.Collab.Api.Features.Demo.Invented;

namespace EPI.Collab.Api.Features.Demo;

/// <summary>Cluj-Napoca: priorities education and labour market, pilot EPI One-Stop-Shop (sourced, DOMAIN §7); scores invented.</summary>
public static class ClujNapocaStory
{
    public static readonly DemoStory Story = new("cluj-napoca",
        [
            new("PATRIR", OrganisationType.Coordinator, OrganisationLevel.National, IsProjectPartner: true),
            new("Cluj-Napoca City Hall", OrganisationType.LocalAuthority, OrganisationLevel.Local),
            new("Example NGO (invented)", OrganisationType.GrassrootsNgo, OrganisationLevel.Local),
            new("Example migrant-led association (invented)", OrganisationType.MigrantLedOrg, OrganisationLevel.Local),
            new("Example employer (invented)", OrganisationType.Business, OrganisationLevel.Local)
        ],
        "EPI Intercultural Review (ICC Index 2019 method)", new DateOnly(2020, 2, 1), new DateOnly(2020, 10, 31),
        [
            new("EDU", 46, Text("Schools welcome foreign pupils case by case; no intercultural curriculum guidance.")),
            new("BUS", 38, Text("Newcomers rarely reach the employment services; few employers recruit across languages.")),
            new("WELC", 41, Text("Information for newcomers is scattered over several offices and websites.")),
            new("LANG", 52, Text("Romanian courses exist through NGOs; Hungarian is a recognised historic minority language."))
        ],
        [
            new("Round table 1: first jobs and entrepreneurship", Text("What would help newcomers find a first job in Cluj within a year?"),
                [Text("One place where newcomers get information, counselling and referral to jobs"),
                 Text("Job fairs with employers recruiting across languages"),
                 Text("Mentoring by local entrepreneurs")], 1,
                Text("Most approvals; the one-stop shop also serves education referrals.")),
            new("Round table 2: education for newcomer children", Text("How can schools welcome children who arrive mid-year?"),
                [Text("Intercultural training days for teachers"),
                 Text("Welcome classes with Romanian support"),
                 Text("Parent evenings with interpreters")], 2,
                Text("The two most approved proposals fit the school year."))
        ],
        "Cluj-Napoca integration strategy 2021–2022 (EPI)", Text("A city where newcomers find information, work and neighbours in their first year."),
        [
            new("Newcomers reach information, counselling and job referral through one door.", ["WELC", "BUS"], [EpiTheme.LabourMarket, EpiTheme.Inclusion],
                "EPI One-Stop-Shop", "An online information platform plus an in-person service desk (sourced: PATRIR).", true,
                [
                    new(Text("Desk visits per month"), IndicatorType.Output, "visits", 0m, 120m, [35m, 70m, 95m]),
                    new(Text("Referrals to employment services"), IndicatorType.Outcome, "referrals", 0m, 60m, [8m, 21m, 34m])
                ]),
            new("Schools welcome newcomer children and their parents.", ["EDU"], [EpiTheme.Inclusion],
                "Intercultural school welcome", Text("Teacher training days and welcome classes."), false,
                [new(Text("Teachers trained"), IndicatorType.Output, "teachers", 0m, 80m, [])])
        ],
        new Adoption(Text("Cluj-Napoca Local Council"), new DateOnly(2021, 5, 27)),
        "EPI One-Stop-Shop pilot", new DateOnly(2021, 9, 1), new DateOnly(2021, 11, 30), [Text("City centre service desk")]);
}
