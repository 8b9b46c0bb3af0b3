using EPI.Collab.Client;
using EpiTheme = EPI.Collab.Api.Features.Strategies.EpiTheme;
using static EPI.Collab.Api.Features.Demo.Invented;

namespace EPI.Collab.Api.Features.Demo;

/// <summary>Ravenna: priorities labour and housing, pilots "Albo delle famiglie accoglienti" and "Territori comuni" (sourced); scores invented.</summary>
public static class RavennaStory
{
    public static readonly DemoStory Story = new("ravenna",
        [
            new("Comune di Ravenna", OrganisationType.LocalAuthority, OrganisationLevel.Local),
            new("Consorzio Comunità Brianza", OrganisationType.SocialEnterprise, OrganisationLevel.Regional, IsProjectPartner: true),
            new("Casa delle Culture", OrganisationType.LocalAuthority, OrganisationLevel.Local),
            new("Example NGO (invented)", OrganisationType.GrassrootsNgo, OrganisationLevel.Local),
            new("Example housing cooperative (invented)", OrganisationType.SocialEnterprise, OrganisationLevel.Local)
        ],
        "EPI Intercultural Review (ICC Index 2019 method)", new DateOnly(2020, 2, 1), new DateOnly(2020, 10, 31),
        [
            new("BUS", 49, Text("Active labour policies reach newcomers mainly through the immigrant centre.")),
            new("NEIGH", 44, Text("Newcomers find housing late; few forms of shared or hosted housing exist.")),
            new("PART", 55, Text("The R.I.T.I. network from 'Ravenna Partecipa' (2019, sourced) gives a base for participation.")),
            new("LANG", 61, Text("Language courses are consolidated (sourced); reach outside the centre is limited."))
        ],
        [
            new("Round table 1: new forms of housing", Text("How could families of Ravenna host newcomers for a first period?"),
                [Text("A public register of host families with training and support"),
                 Text("Rent guarantees for newcomers' first lease"),
                 Text("A shared-housing pilot with students")], 1,
                Text("Most approvals; a register lets the city vet and support host families.")),
            new("Round table 2: labour and meeting places", Text("Where can newcomers and residents meet around work and culture?"),
                [Text("A cycle of public events in the neighbourhoods"),
                 Text("Open days of local employers"),
                 Text("Job coaching at the Casa delle Culture")], 2,
                Text("The event cycle and employer open days were approved by all."))
        ],
        "Ravenna integration strategy (EPI)", Text("Newcomers find a home, work and common ground in Ravenna's neighbourhoods."),
        [
            new("Newcomers find a first home with host families.", ["NEIGH", "WELC"], [EpiTheme.Housing],
                "Albo delle famiglie accoglienti", "A register of host families (sourced: EPI Ravenna pilot).", true,
                [
                    new(Text("Host families registered"), IndicatorType.Output, "families", 0m, 30m, [6m, 13m, 19m]),
                    new(Text("Matches made"), IndicatorType.Outcome, "matches", 0m, 20m, [2m, 6m, 11m])
                ]),
            new("Residents and newcomers share public space and work contacts.", ["PUBSPACE", "BUS"], [EpiTheme.CulturalExchange, EpiTheme.LabourMarket],
                "Territori comuni", "An event cycle in the neighbourhoods (sourced: EPI Ravenna pilot).", false,
                [new(Text("Event attendance"), IndicatorType.Output, "people", 0m, 1500m, [])])
        ],
        new Adoption(Text("Ravenna City Council"), new DateOnly(2021, 4, 20)),
        "Albo delle famiglie accoglienti pilot", new DateOnly(2021, 6, 1), new DateOnly(2022, 3, 31), [Text("Immigrant centre desk")]);
}
