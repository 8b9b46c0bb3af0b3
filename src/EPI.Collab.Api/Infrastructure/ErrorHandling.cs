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
        services.AddSingleton(MessageCatalog.Load());
        services.AddProblemDetails(o => o.CustomizeProblemDetails = ctx =>
        {
            var problem = ctx.ProblemDetails;
            problem.Instance ??= ctx.HttpContext.Request.Path;
            problem.Extensions["traceId"] = ctx.HttpContext.TraceIdentifier;
            Localize(problem, ctx.HttpContext);
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

    /// <summary>Code of a problem as clients see it: stable, language-neutral, the key of its localized title.</summary>
    public const string CodeKey = "code";

    /// <summary>
    /// Every problem gets a stable <c>code</c> and a <c>title</c> in the caller's language (Accept-Language; English
    /// otherwise). The English <c>detail</c> stays for developers and logs.
    /// </summary>
    private static void Localize(ProblemDetails problem, HttpContext http)
    {
        var code = problem.Extensions.TryGetValue(CodeKey, out var existing) && existing is string given ? given : CodeFor(problem);
        problem.Extensions[CodeKey] = code;
        var catalog = http.RequestServices.GetRequiredService<MessageCatalog>();
        var language = MessageCatalog.LanguageOf(http.Request, catalog.Languages);
        if (catalog.Text($"error.{code}", language) is { } title)
        {
            problem.Title = title;
            http.Response.Headers.ContentLanguage = language;
        }
        if (problem is HttpValidationProblemDetails validation
            && problem.Extensions.TryGetValue(Validation.FieldCodesKey, out var codes) && codes is Dictionary<string, string?[]> byField)
            foreach (var (field, fieldCodes) in byField)
            {
                if (!validation.Errors.TryGetValue(field, out var messages)) continue;
                for (var i = 0; i < messages.Length && i < fieldCodes.Length; i++)
                    if (fieldCodes[i] is { } fieldCode && catalog.Text($"field.{fieldCode}", language) is { } localized)
                        messages[i] = localized;
            }
    }

    public static string CodeFor(ProblemDetails problem) => problem.Status switch
    {
        400 when problem.Title == "Invalid JSON format" => "bad-json",
        400 or 413 or 415 => problem is HttpValidationProblemDetails ? "validation" : "bad-json",
        401 => "unauthorized",
        408 => "request-timeout",
        403 => "forbidden",
        404 or 405 => "not-found",
        409 or 412 => "conflict",
        422 => "rule-violated",
        429 => "rate-limited",
        503 => "unavailable",
        _ => "server"
    };

    internal static (int Status, string Title)? Classify(Exception exception) =>
        ClassifyOne(exception) ?? (exception.InnerException is { } inner ? Classify(inner) : null);

    private static (int Status, string Title)? ClassifyOne(Exception exception) => exception switch
    {
        ConcurrencyException or ExistingStreamIdCollisionException or DocumentAlreadyExistsException
            or PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } =>
            (StatusCodes.Status409Conflict, "The resource was changed by someone else; reload and try again."),
        ProblemException problem => (problem.Status, problem.Message),
        BadHttpRequestException { StatusCode: StatusCodes.Status408RequestTimeout } =>
            (StatusCodes.Status408RequestTimeout, "The request body arrived too slowly; send it again."),
        BadHttpRequestException bad => (bad.StatusCode, "The request could not be read."),
        JsonException => (StatusCodes.Status400BadRequest, "The request body is not valid JSON for this operation."),
        NpgsqlException { IsTransient: true } or System.Net.Sockets.SocketException or TimeoutException =>
            (StatusCodes.Status503ServiceUnavailable, "The database is not reachable right now; try again shortly."),
        _ => null
    };

    /// <summary>A refusal found deep in a handler (not in its Validate step): answered with its status and stable code.</summary>
    public abstract class ProblemException(int status, string code, string message) : Exception(message)
    {
        public int Status { get; } = status;
        public string Code { get; } = code;
    }

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
                ProblemDetails = exception is ProblemException { Code: var code }
                    ? new ProblemDetails { Status = status, Title = title }.WithCode(code)
                    : new ProblemDetails { Status = status, Title = title }
            });
        }
    }
}
