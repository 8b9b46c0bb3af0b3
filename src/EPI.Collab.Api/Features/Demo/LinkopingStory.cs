using EPI.Collab.Client;
using EpiTheme = EPI.Collab.Api.Features.Strategies.EpiTheme;
using static EPI.Collab.Api.Features.Demo.Invented;

namespace EPI.Collab.Api.Features.Demo;

/// <summary>
/// Linköping: ICC aggregate 53/100 and themes commitment, business and working life, active citizenship (sourced);
/// the per-area scores and the pilot are invented.
/// </summary>
public static class LinkopingStory
{
    private const string Aggregate = "The sourced aggregate ICC index is 53/100 (linkoping.se); this area score is an";

    public static readonly DemoStory Story = new("linkoping",
        [
            new("Linköping Municipality", OrganisationType.LocalAuthority, OrganisationLevel.Local),
            new("FoU Centrum", OrganisationType.Academia, OrganisationLevel.Regional, IsProjectPartner: true),
            new("Example volunteer centre (invented)", OrganisationType.Cso, OrganisationLevel.Local),
            new("Example employer network (invented)", OrganisationType.Business, OrganisationLevel.Local)
        ],
        "ICC Index (aggregate 53/100, sourced: linkoping.se)", new DateOnly(2020, 2, 1), new DateOnly(2020, 10, 31),
        [
            new("COMMIT", 58, $"{Aggregate} {Mark}: the council refers to interculturality but has no steering document."),
            new("BUS", 47, $"{Aggregate} {Mark}: few employers take part in diversity initiatives."),
            new("LEAD", 50, $"{Aggregate} {Mark}: newcomers are rarely in advisory bodies."),
            new("INTEL", 52, $"{Aggregate} {Mark}: staff training on intercultural competence is occasional.")
        ],
        [
            new("Round table 1: business and working life", Text("How can employers and the municipality open jobs to newcomers?"),
                [Text("Intercultural-competence programme for municipal staff who meet newcomers"),
                 Text("An employer network for traineeships"),
                 Text("Summer jobs for young newcomers")], 1,
                Text("Most approvals; staff competence is the municipality's own lever.")),
            new("Round table 2: active citizenship", Text("How can newcomers take part in the city's decisions?"),
                [Text("An employer network for traineeships"),
                 Text("Newcomer seats in advisory councils"),
                 Text("Buddy matching through the volunteer centre")], 2,
                Text("Approved by all demo participants."))
        ],
        "Linköping guidelines for labour market and integration (EPI)", Text("A municipality where newcomers work and take part from their first year."),
        [
            new("Municipal staff meet newcomers with intercultural competence.", ["INTEL", "COMMIT"], [EpiTheme.Inclusion],
                Text("Intercultural-competence programme for municipal staff"), Text("Modules for front-line staff, with employer partners."), true,
                [
                    new(Text("Staff trained"), IndicatorType.Output, "staff", 0m, 200m, [40m, 85m, 130m]),
                    new(Text("Share of trained staff reporting more confidence"), IndicatorType.Outcome, "%", 30m, 70m, [45m, 52m, 61m])
                ]),
            new("Newcomers take part in working life and civic life.", ["BUS", "LEAD"], [EpiTheme.LabourMarket, EpiTheme.Inclusion],
                Text("Employer network for traineeships"), Text("Employers offer traineeships matched by the municipality."), false,
                [new(Text("Traineeships offered"), IndicatorType.Output, "traineeships", 0m, 50m, [])])
        ],
        new Adoption(Text("Linköping Municipal Council"), new DateOnly(2021, 3, 23)),
        Text("Intercultural-competence programme pilot"), new DateOnly(2021, 4, 1), new DateOnly(2022, 3, 31), [Text("City hall training rooms")]);
}
