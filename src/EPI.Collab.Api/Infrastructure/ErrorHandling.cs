using System.Text.Json;
using JasperFx;
using Marten.Exceptions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Npgsql;

namespace EPI.Collab.Api.Infrastructure;

/// <summary>
/// Every error leaves as RFC 9457 ProblemDetails: exceptions are mapped here in one place
/// (concurrency → 409, bad input → 400, database down → 503) and empty 4xx responses
/// (401, 403, 404, 405, 415) get a problem body from the status-code pages middleware.
/// </summary>
public static class ErrorHandling
{
    public static IServiceCollection AddErrorHandling(this IServiceCollection services)
    {
        services.AddProblemDetails(o => o.CustomizeProblemDetails = ctx =>
        {
            ctx.ProblemDetails.Instance ??= ctx.HttpContext.Request.Path;
            ctx.ProblemDetails.Extensions["traceId"] = ctx.HttpContext.TraceIdentifier;
        });
        services.AddExceptionHandler<ProblemExceptionHandler>();
        return services;
    }

    public static WebApplication UseErrorHandling(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        return app;
    }

    internal static (int Status, string Title)? Classify(Exception exception) =>
        ClassifyOne(exception) ?? (exception.InnerException is { } inner ? Classify(inner) : null);

    private static (int Status, string Title)? ClassifyOne(Exception exception) => exception switch
    {
        ConcurrencyException or ExistingStreamIdCollisionException or DocumentAlreadyExistsException
            or PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } =>
            (StatusCodes.Status409Conflict, "The resource was changed by someone else; reload and try again."),
        BadHttpRequestException bad => (bad.StatusCode, "The request could not be read."),
        JsonException => (StatusCodes.Status400BadRequest, "The request body is not valid JSON for this operation."),
        NpgsqlException { IsTransient: true } or System.Net.Sockets.SocketException or TimeoutException =>
            (StatusCodes.Status503ServiceUnavailable, "The database is not reachable right now; try again shortly."),
        _ => null
    };

    private sealed class ProblemExceptionHandler(IProblemDetailsService problems, ILogger<ProblemExceptionHandler> logger)
        : IExceptionHandler
    {
        public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken ct)
        {
            var known = Classify(exception);
            if (known is null) logger.LogError(exception, "Unhandled error on {Path}", context.Request.Path);

            var (status, title) = known ?? (StatusCodes.Status500InternalServerError, "An unexpected error occurred.");
            context.Response.StatusCode = status;
            if (status == StatusCodes.Status503ServiceUnavailable) context.Response.Headers.RetryAfter = "5";

            return await problems.TryWriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                Exception = exception,
                ProblemDetails = new ProblemDetails { Status = status, Title = title }
            });
        }
    }
}
