using EPI.Collab.Api.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace EPI.Collab.Tests;

/// <summary>The fields a validation names, for unit tests of <c>Check()</c> methods.</summary>
public static class ValidationFields
{
    public static IEnumerable<string> Fields(this Validation v) => v.ToProblem() is ValidationProblemDetails p ? p.Errors.Keys : [];
}
