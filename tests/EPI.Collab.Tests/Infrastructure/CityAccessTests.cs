using System.Security.Claims;
using EPI.Collab.Api.Infrastructure.Auth;

namespace EPI.Collab.Tests.Infrastructure;

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
    [InlineData(Roles.Participant, "riga", "riga", CityAccessLevel.Write, false)]
    public void role_and_city_decide_access(string role, string? city, string target, CityAccessLevel level, bool allowed) =>
        CityAccess.Allows(User(role, city), target, level).ShouldBe(allowed);

    [Fact]
    public void a_facilitator_without_a_city_claim_has_no_city() =>
        CityAccess.Allows(User(Roles.Facilitator), "riga", CityAccessLevel.Read).ShouldBeFalse();

    [Fact]
    public void city_ids_compare_exactly() =>
        CityAccess.Allows(User(Roles.Facilitator, "riga"), "Riga", CityAccessLevel.Read).ShouldBeFalse();
}
