using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace EPI.Collab.Api.Infrastructure;

/// <summary>
/// Collects field errors for a request and turns them into one RFC 9457 validation problem (400).
/// Endpoints call it from their Wolverine <c>Validate</c> method, so invalid input never reaches the decision.
/// An error may carry a code (listed per field in the problem's <c>fieldCodes</c>); where the message catalogue has
/// <c>field.{code}</c>, the message is given in the caller's language.
/// </summary>
public sealed class Validation
{
    public const string FieldCodesKey = "fieldCodes";
    private readonly Dictionary<string, List<(string Message, string? Code)>> _errors = new(StringComparer.Ordinal);

    public Validation Require(bool condition, string field, string message, string? code = null)
    {
        if (!condition) Add(field, message, code);
        return this;
    }

    /// <summary>A text of <paramref name="min"/> to <paramref name="max"/> characters once trimmed; min 0 makes it optional.</summary>
    public Validation RequireLength(string? value, string field, int min, int max, string code = "text-length")
    {
        var length = value?.Trim().Length ?? 0;
        return Require(length >= min && length <= max, field,
            min == 0 ? $"At most {max} characters." : $"Required, between {min} and {max} characters.", code);
    }

    public Validation Add(string field, string message, string? code = null)
    {
        if (!_errors.TryGetValue(field, out var list)) _errors[field] = list = [];
        list.Add((message, code));
        return this;
    }

    public bool IsValid => _errors.Count == 0;

    /// <summary>Adds the errors of <paramref name="other"/> for fields this one does not name yet.</summary>
    public Validation Merge(Validation other)
    {
        foreach (var (field, errors) in other._errors)
            if (!_errors.ContainsKey(field)) _errors[field] = [.. errors];
        return this;
    }

    public ProblemDetails ToProblem()
    {
        if (IsValid) return WolverineContinue.NoProblems;
        var problem = new ValidationProblemDetails(_errors.ToDictionary(x => x.Key, x => x.Value.Select(e => e.Message).ToArray()))
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "The request is not valid.",
            Type = "https://tools.ietf.org/html/rfc9110#section-15.5.1"
        };
        if (_errors.Values.Any(list => list.Any(e => e.Code is not null)))
            problem.Extensions[FieldCodesKey] = _errors.ToDictionary(x => x.Key, x => x.Value.Select(e => e.Code).ToArray());
        return problem;
    }

    public static ProblemDetails MissingBody() =>
        new Validation().Add("body", "A JSON request body is required.").ToProblem();
}
