using Microsoft.AspNetCore.Mvc;

namespace EPI.Collab.Api.Infrastructure;

/// <summary>State-based rejections as RFC 9457 problems, so every slice words them the same way.</summary>
public static class Problems
{
    public static ProblemDetails NotFound(string what) => new()
    {
        Status = StatusCodes.Status404NotFound,
        Title = "Not found.",
        Detail = what,
        Type = "https://tools.ietf.org/html/rfc9110#section-15.5.5"
    };

    public static ProblemDetails Forbidden(string detail) => new()
    {
        Status = StatusCodes.Status403Forbidden,
        Title = "Forbidden.",
        Detail = detail,
        Type = "https://tools.ietf.org/html/rfc9110#section-15.5.4"
    };

    public static ProblemDetails Conflict(string detail) => new()
    {
        Status = StatusCodes.Status409Conflict,
        Title = "The resource changed or is in a conflicting state.",
        Detail = detail,
        Type = "https://tools.ietf.org/html/rfc9110#section-15.5.10"
    };

    public static ProblemDetails RuleViolated(string detail) => new()
    {
        Status = StatusCodes.Status422UnprocessableEntity,
        Title = "The request breaks a rule of the process.",
        Detail = detail,
        Type = "https://tools.ietf.org/html/rfc9110#section-15.5.21"
    };
}
