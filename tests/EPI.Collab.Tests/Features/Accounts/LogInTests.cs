using System.Text.Json;
using EPI.Collab.Api.Features.Accounts.LoggingIn;
using EPI.Collab.Api.Infrastructure.Auth;

namespace EPI.Collab.Tests.Features.Accounts;

[Trait(Lane.Name, Lane.Unit)]
public class LogInTests
{
    private static readonly ConfiguredAccount Account = new()
    {
        Id = Guid.CreateVersion7(), Username = "facilitator.lublin", Role = Roles.Facilitator, City = "lublin",
        PasswordHash = LogInEndpoint.HashPassword("correct horse")
    };

    [Fact]
    public void the_right_password_finds_the_account() =>
        LogInEndpoint.Authenticate([Account], new LogIn("Facilitator.Lublin", "correct horse")).ShouldBe(Account);

    [Fact]
    public void a_wrong_password_finds_nothing() =>
        LogInEndpoint.Authenticate([Account], new LogIn("facilitator.lublin", "Correct horse")).ShouldBeNull();

    [Fact]
    public void an_account_without_a_hash_cannot_log_in() =>
        LogInEndpoint.Authenticate([new ConfiguredAccount { Username = "x", Role = Roles.Admin }], new LogIn("x", ""))
            .ShouldBeNull();

    [Fact]
    public void every_demo_account_has_one_role_and_its_demo_password_matches_its_hash()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "appsettings.Development.json");
        using var json = JsonDocument.Parse(File.ReadAllText(path));
        var accounts = json.RootElement.GetProperty("Auth").GetProperty("Accounts").EnumerateArray()
            .Select(a => a.Deserialize<ConfiguredAccount>()!).ToList();

        accounts.Select(a => a.Role).Distinct().ShouldBe(
            [Roles.Admin, Roles.Coordinator, Roles.Facilitator, Roles.Auditor, Roles.Observer], ignoreOrder: true);
        foreach (var account in accounts)
        {
            LogInEndpoint.Authenticate([account], new LogIn(account.Username, account.DemoPassword!)).ShouldBe(account);
            (Roles.CityBound.Contains(account.Role) == (account.City is not null)).ShouldBeTrue(account.Username);
        }
    }
}
