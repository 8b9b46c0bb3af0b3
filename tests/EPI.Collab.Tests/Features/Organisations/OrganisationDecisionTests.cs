using EPI.Collab.Api.Features.Organisations;
using EPI.Collab.Api.Features.Organisations.Registering;
using EPI.Collab.Api.Features.Organisations.Revising;
using EPI.Collab.Api.Infrastructure.Auth;

namespace EPI.Collab.Tests.Features.Organisations;

[Trait(Lane.Name, Lane.Unit)]
public class OrganisationDecisionTests
{
    private static readonly Actor Coordinator = new(Guid.CreateVersion7(), Roles.Coordinator);
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void registering_trims_the_name_and_keeps_type_level_and_partnership()
    {
        var id = Guid.CreateVersion7();
        var registered = RegisterOrganisationEndpoint.Decide(
            new RegisterOrganisation("  PATRIR  ", OrganisationType.Coordinator, OrganisationLevel.National, true), "cluj-napoca", id, Coordinator, Now);

        registered.ShouldBe(new OrganisationRegistered(id, "cluj-napoca", "PATRIR", OrganisationType.Coordinator, OrganisationLevel.National,
            true, Coordinator.Id, Roles.Coordinator, Now));
        Organisation.Create(registered).ShouldSatisfyAllConditions(o => o.Name.ShouldBe("PATRIR"), o => o.IsProjectPartner.ShouldBeTrue());
    }

    [Theory]
    [InlineData("", OrganisationType.Cso, OrganisationLevel.Local, "name")]
    [InlineData("X", OrganisationType.Cso, OrganisationLevel.Local, "name")]
    [InlineData("Casa delle Culture", (OrganisationType)99, OrganisationLevel.Local, "type")]
    [InlineData("Casa delle Culture", OrganisationType.Cso, (OrganisationLevel)99, "level")]
    public void a_name_of_two_characters_and_known_type_and_level_are_required(string name, OrganisationType type, OrganisationLevel level,
        string field)
    {
        var problem = new RegisterOrganisation(name, type, level).Check().ToProblem();

        problem.ShouldBeOfType<Microsoft.AspNetCore.Mvc.ValidationProblemDetails>().Errors.Keys.ShouldBe([field]);
    }

    [Fact]
    public void a_revision_replaces_every_field_and_keeps_the_registration_time()
    {
        var organisation = Organisation.Create(RegisterOrganisationEndpoint.Decide(OrganisationScenarios.JobCentre(), "cluj-napoca",
            Guid.CreateVersion7(), Coordinator, Now));

        var revised = organisation.Apply(ReviseOrganisationEndpoint.Decide(
            new ReviseOrganisation(1, "AJOFM Cluj", OrganisationType.PublicEmploymentService, OrganisationLevel.Local, true), organisation,
            Coordinator, Now.AddDays(1)));

        revised.ShouldSatisfyAllConditions(o => o.Name.ShouldBe("AJOFM Cluj"), o => o.Level.ShouldBe(OrganisationLevel.Local),
            o => o.IsProjectPartner.ShouldBeTrue(), o => o.RegisteredAt.ShouldBe(Now), o => o.LastChangedAt.ShouldBe(Now.AddDays(1)));
    }
}
