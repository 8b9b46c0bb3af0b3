using Microsoft.AspNetCore.Mvc;

namespace EPI.Collab.Api.Infrastructure;

/// <summary>Answers whether a city id names a registered city (implemented by the cities feature).</summary>
public interface IRegisteredCities
{
    ValueTask<bool> ExistsAsync(string cityId, CancellationToken ct);
}

/// <summary>
/// A route's <c>{cityId}</c> must name a registered city: otherwise 404 before any endpoint code runs, for every role.
/// Without this, Marten's conjoined tenancy would take any id as a new tenant and a write would create data there.
/// Runs before authorization: the registered cities are public (<c>GET /api/cities</c>), and every caller, whatever
/// its role, learns the same thing: the city does not exist.
/// </summary>
public static class RegisteredCityGuard
{
    public const string RouteValue = "cityId";

    public static IApplicationBuilder UseRegisteredCityGuard(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        if (http.GetRouteValue(RouteValue) is string cityId
            && !await http.RequestServices.GetRequiredService<IRegisteredCities>().ExistsAsync(cityId, http.RequestAborted))
        {
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
            {
                HttpContext = http,
                ProblemDetails = Problems.NotFound($"There is no city '{cityId}'.")
            });
            return;
        }
        await next(http);
    });
}
