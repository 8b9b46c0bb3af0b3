using System.Globalization;
using Microsoft.AspNetCore.Mvc;

namespace EPI.Collab.Api.Infrastructure;

/// <summary>
/// A circuit breaker in front of the API for database outages. When a request fails because PostgreSQL is unreachable
/// (a transient database error, answered 503), the circuit opens for <c>Database:CircuitBreakSeconds</c> (default 5):
/// API requests get an immediate 503 with Retry-After instead of each waiting out a connection timeout, so threads and
/// connections do not pile up while the database is down. After the break one request probes; its success closes the
/// circuit, its failure opens it again. Health checks are outside the circuit: /health/ready keeps asking the database.
/// </summary>
public sealed class DatabaseCircuit(TimeProvider clock, IConfiguration configuration)
{
    private readonly TimeSpan _break = TimeSpan.FromSeconds(configuration.GetValue("Database:CircuitBreakSeconds", 5.0));
    private long _openUntilTicks;
    private int _probing;

    /// <summary>Whether this request may go through: the circuit is closed, or it is the one probe after the break.</summary>
    public bool TryPass(out TimeSpan retryAfter, out bool probe)
    {
        retryAfter = TimeSpan.Zero;
        probe = false;
        var until = Interlocked.Read(ref _openUntilTicks);
        if (until == 0) return true;
        var now = clock.GetUtcNow().UtcTicks;
        if (now >= until && Interlocked.CompareExchange(ref _probing, 1, 0) == 0)
        {
            probe = true;
            return true;
        }
        retryAfter = TimeSpan.FromTicks(Math.Max(until - now, TimeSpan.TicksPerSecond));
        return false;
    }

    public void Trip()
    {
        Interlocked.Exchange(ref _openUntilTicks, clock.GetUtcNow().UtcTicks + _break.Ticks);
        Interlocked.Exchange(ref _probing, 0);
    }

    public void Close()
    {
        Interlocked.Exchange(ref _openUntilTicks, 0);
        Interlocked.Exchange(ref _probing, 0);
    }
}

public static class DatabaseCircuitSetup
{
    public static IServiceCollection AddDatabaseCircuit(this IServiceCollection services) => services.AddSingleton<DatabaseCircuit>();

    /// <summary>After the exception handler (so it sees exceptions first), before authentication (so it sheds load early).</summary>
    public static IApplicationBuilder UseDatabaseCircuit(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        if (!http.Request.Path.StartsWithSegments("/api"))
        {
            await next(http);
            return;
        }
        var circuit = http.RequestServices.GetRequiredService<DatabaseCircuit>();
        if (!circuit.TryPass(out var retryAfter, out var probe))
        {
            await RefuseAsync(http, retryAfter);
            return;
        }
        try
        {
            await next(http);
            if (probe) circuit.Close();
        }
        catch (Exception e) when (ErrorHandling.Classify(e)?.Status == StatusCodes.Status503ServiceUnavailable)
        {
            circuit.Trip();
            throw;
        }
        catch when (probe)
        {
            circuit.Close();
            throw;
        }
    });

    private static Task RefuseAsync(HttpContext http, TimeSpan retryAfter)
    {
        var seconds = (int)Math.Ceiling(retryAfter.TotalSeconds);
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
