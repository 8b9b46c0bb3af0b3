using System.Net;
using System.Net.Http.Json;
using EPI.Collab.Api.Features.Accounts.LoggingIn;
using Microsoft.AspNetCore.Mvc;

namespace EPI.Collab.Tests.Features.Accounts;

public class LogInEndpointTests(AppFixture app) : IntegrationTest(app)
{
    [Fact]
    public async Task a_demo_facilitator_gets_a_token_bound_to_their_city()
    {
        var response = await App.Client().PostAsJsonAsync("/api/auth/login", new LogIn("facilitator.cluj", "demo-facilitator"));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var body = (await response.Content.ReadFromJsonAsync<LoggedIn>(Json.Options))!;
        body.Role.ShouldBe("facilitator");
        body.City.ShouldBe("cluj-napoca");
        var jwt = new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken(body.AccessToken);
        jwt.Claims.ShouldContain(c => c.Type == "city" && c.Value == "cluj-napoca");
        jwt.Claims.ShouldContain(c => c.Type == "role" && c.Value == "facilitator");
    }

    [Fact]
    public async Task a_wrong_password_is_a_401_problem()
    {
        var response = await App.Client().PostAsJsonAsync("/api/auth/login", new LogIn("admin", "guess"));

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }

    [Fact]
    public async Task missing_fields_are_a_400_with_field_errors()
    {
        var response = await App.Client().PostAsJsonAsync("/api/auth/login", new { username = "" });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = (await response.Content.ReadFromJsonAsync<ValidationProblemDetails>(Json.Options))!;
        problem.Errors.Keys.ShouldBe(["username", "password"], ignoreOrder: true);
    }

    [Fact]
    public async Task a_forged_token_is_refused()
    {
        var token = await App.TokenFor("admin");
        var forged = token[..^4] + (token[^4..] == "AAAA" ? "BBBB" : "AAAA");

        var response = await App.Client(forged).GetAsync("/api/cities/riga/workshops");

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }
}
