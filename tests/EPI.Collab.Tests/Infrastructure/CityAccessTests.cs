using System.Security.Claims;
using EPI.Collab.Api.Infrastructure.Auth;

namespace EPI.Collab.Tests.Infrastructure;

[Trait(Lane.Name, Lane.Unit)]
public class CityAccessTests
{
    private static ClaimsPrincipal User(string role, string? city = null)
    {
        var claims = new List<Claim> { new(EpiClaims.Role, role) };
        if (city is not null) claims.Add(new Claim(EpiClaims.City, city));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, "test", EpiClaims.Name, EpiClaims.Role));
    }

    [Theory]
    [InlineData(Roles.Admin, null, "riga", CityAccessLevel.Write, true)]
    [InlineData(Roles.Facilitator, "cluj-napoca", "cluj-napoca", CityAccessLevel.Write, true)]
    [InlineData(Roles.Facilitator, "cluj-napoca", "riga", CityAccessLevel.Write, false)]
    [InlineData(Roles.Facilitator, "cluj-napoca", "riga", CityAccessLevel.Read, false)]
    [InlineData(Roles.Coordinator, "riga", "riga", CityAccessLevel.Write, true)]
    [InlineData(Roles.Coordinator, "riga", "lublin", CityAccessLevel.Read, false)]
    [InlineData(Roles.Auditor, null, "lublin", CityAccessLevel.Read, true)]
    [InlineData(Roles.Auditor, null, "lublin", CityAccessLevel.Write, false)]
    [InlineData(Roles.Auditor, "ravenna", "ravenna", CityAccessLevel.Read, true)]
    [InlineData(Roles.Auditor, "ravenna", "riga", CityAccessLevel.Read, false)]
    [InlineData(Roles.Observer, null, "riga", CityAccessLevel.Read, false)]
    [InlineData(Roles.Observer, null, "riga", CityAccessLevel.ReadPublished, true)]
    [InlineData(Roles.Auditor, null, "riga", CityAccessLevel.ReadPublished, true)]
    [InlineData(Roles.Facilitator, "cluj-napoca", "riga", CityAccessLevel.ReadPublished, false)]
    [InlineData(Roles.Participant, "riga", "riga", CityAccessLevel.ReadPublished, false)]
    [InlineData(Roles.Auditor, "ravenna", "ravenna", CityAccessLevel.ReadPublished, true)]
    [InlineData(Roles.Participant, "riga", "riga", CityAccessLevel.Write, false)]
    [InlineData(Roles.Admin, null, "riga", CityAccessLevel.Coordinate, true)]
    [InlineData(Roles.Coordinator, "riga", "riga", CityAccessLevel.Coordinate, true)]
    [InlineData(Roles.Coordinator, "riga", "lublin", CityAccessLevel.Coordinate, false)]
    [InlineData(Roles.Facilitator, "riga", "riga", CityAccessLevel.Coordinate, false)]
    [InlineData(Roles.Auditor, null, "riga", CityAccessLevel.Coordinate, false)]
    [InlineData(Roles.Observer, null, "riga", CityAccessLevel.Coordinate, false)]
    public void role_and_city_decide_access(string role, string? city, string target, CityAccessLevel level, bool allowed) =>
        CityAccess.Allows(User(role, city), target, level).ShouldBe(allowed);

    [Fact]
    public void a_facilitator_without_a_city_claim_has_no_city() =>
        CityAccess.Allows(User(Roles.Facilitator), "riga", CityAccessLevel.Read).ShouldBeFalse();

    [Fact]
    public void city_ids_compare_exactly() =>
        CityAccess.Allows(User(Roles.Facilitator, "riga"), "Riga", CityAccessLevel.Read).ShouldBeFalse();

    private static ClaimsPrincipal Participant(string city, Guid workshop) => new(new ClaimsIdentity(
        [new Claim(EpiClaims.Role, Roles.Participant), new Claim(EpiClaims.City, city), new Claim(EpiClaims.Workshop, workshop.ToString())],
        "test", EpiClaims.Name, EpiClaims.Role));

    [Fact]
    public void contributors_are_the_workshops_participants_and_city_staff_but_not_auditors()
    {
        var workshop = Guid.CreateVersion7();

        WorkshopAccess.Allows(Participant("riga", workshop), "riga", workshop, CityAccessLevel.Write).ShouldBeTrue();
        WorkshopAccess.Allows(Participant("riga", Guid.CreateVersion7()), "riga", workshop, CityAccessLevel.Write).ShouldBeFalse();
        WorkshopAccess.Allows(User(Roles.Facilitator, "riga"), "riga", workshop, CityAccessLevel.Write).ShouldBeTrue();
        WorkshopAccess.Allows(User(Roles.Auditor), "riga", workshop, CityAccessLevel.Write).ShouldBeFalse();
        WorkshopAccess.Allows(User(Roles.Auditor), "riga", workshop).ShouldBeTrue();
    }

    [Fact]
    public void staff_who_see_hidden_texts_are_admins_and_the_citys_coordinators_and_facilitators()
    {
        WorkshopAccess.IsStaffOf(User(Roles.Coordinator, "riga"), "riga").ShouldBeTrue();
        WorkshopAccess.IsStaffOf(User(Roles.Admin), "riga").ShouldBeTrue();
        WorkshopAccess.IsStaffOf(User(Roles.Facilitator, "lublin"), "riga").ShouldBeFalse();
        WorkshopAccess.IsStaffOf(User(Roles.Auditor), "riga").ShouldBeFalse();
        WorkshopAccess.IsStaffOf(Participant("riga", Guid.CreateVersion7()), "riga").ShouldBeFalse();
    }
}
