using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace EPI.Collab.Api.Infrastructure;

/// <summary>
/// Collects field errors for a request and turns them into one RFC 9457 validation problem (400).
/// Endpoints call it from their Wolverine <c>Validate</c> method, so invalid input never reaches the decision.
/// </summary>
public sealed class Validation
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public Validation Require(bool condition, string field, string message)
    {
        if (!condition) Add(field, message);
        return this;
    }

    /// <summary>A text of <paramref name="min"/> to <paramref name="max"/> characters once trimmed; min 0 makes it optional.</summary>
    public Validation RequireLength(string? value, string field, int min, int max)
    {
        var length = value?.Trim().Length ?? 0;
        return Require(length >= min && length <= max, field,
            min == 0 ? $"At most {max} characters." : $"Required, between {min} and {max} characters.");
    }

    public Validation Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list)) _errors[field] = list = [];
        list.Add(message);
        return this;
    }

    public bool IsValid => _errors.Count == 0;

    public ProblemDetails ToProblem() => IsValid
        ? WolverineContinue.NoProblems
        : new ValidationProblemDetails(_errors.ToDictionary(x => x.Key, x => x.Value.ToArray()))
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "The request is not valid.",
            Type = "https://tools.ietf.org/html/rfc9110#section-15.5.1"
        };

    public static ProblemDetails MissingBody() =>
        new Validation().Add("body", "A JSON request body is required.").ToProblem();
}
