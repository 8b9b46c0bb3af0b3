using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Polly;
using Polly.CircuitBreaker;

namespace EPI.Collab.Api.Infrastructure;

/// <summary>
/// Polly's circuit breaker in front of the API for database outages. When at least two API requests within
/// <see cref="SamplingSeconds"/> s, and at least half of them, failed because PostgreSQL is unreachable (a transient
/// database error, answered 503), the circuit opens for <c>Database:CircuitBreakSeconds</c> (default 5): API requests get
/// an immediate 503 with Retry-After instead of each waiting out a connection timeout, so threads and connections do not
/// pile up while the database is down. After the break Polly lets one request probe; its success closes the circuit, its
/// failure opens it again. Health checks are outside the circuit: /health/ready keeps asking the database.
/// </summary>
public static class DatabaseCircuit
{
    public const int SamplingSeconds = 10;
    private const string Key = "database-circuit";

    public static IServiceCollection AddDatabaseCircuit(this IServiceCollection services) =>
        services.AddKeyedSingleton(Key, (provider, _) => new ResiliencePipelineBuilder { TimeProvider = provider.GetRequiredService<TimeProvider>() }
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                FailureRatio = 0.5,
                MinimumThroughput = 2,
                SamplingDuration = TimeSpan.FromSeconds(SamplingSeconds),
                BreakDuration = TimeSpan.FromSeconds(provider.GetRequiredService<IConfiguration>().GetValue("Database:CircuitBreakSeconds", 5.0)),
                ShouldHandle = new PredicateBuilder().Handle<Exception>(e => ErrorHandling.Classify(e)?.Status == StatusCodes.Status503ServiceUnavailable)
            })
            .Build());

    /// <summary>After the exception handler (so it sees exceptions first), before authentication (so it sheds load early).</summary>
    public static IApplicationBuilder UseDatabaseCircuit(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        if (!http.Request.Path.StartsWithSegments("/api"))
        {
            await next(http);
            return;
        }
        var circuit = http.RequestServices.GetRequiredKeyedService<ResiliencePipeline>(Key);
        try
        {
            await circuit.ExecuteAsync(static async (state, _) => await state.next(state.http), (next, http), http.RequestAborted);
        }
        catch (BrokenCircuitException broken)
        {
            await RefuseAsync(http, broken.RetryAfter ?? TimeSpan.FromSeconds(1));
        }
    });

    private static Task RefuseAsync(HttpContext http, TimeSpan retryAfter)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        var problem = new ProblemDetails
        {
            Status = StatusCodes.Status503ServiceUnavailable,
            Title = "The database is not reachable right now; try again shortly.",
            Detail = $"The database was unreachable moments ago; the service tries again in {seconds} s."
        }.WithCode("unavailable");
        problem.Extensions["circuit"] = "open";
        return http.RequestServices.GetRequiredService<IProblemDetailsService>()
            .WriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = problem }).AsTask();
    }
}
