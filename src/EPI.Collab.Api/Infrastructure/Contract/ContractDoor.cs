using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Microsoft.AspNetCore.Http.Metadata;
using Wolverine.Http;
using HttpJsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace EPI.Collab.Api.Infrastructure.Contract;

/// <summary>
/// The door every request with a body passes before its endpoint loads anything: the body must be JSON
/// (<c>application/json</c>, else 415), one object of the operation's declared shape read strictly (required fields,
/// no unknown or repeated keys, enums by exact name), and it must keep the rules of <see cref="RequestContract"/>.
/// Anything else is a 400 with an error per field, and nothing runs.
/// </summary>
public static partial class ContractDoor
{
    public static IApplicationBuilder UseRequestContract(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        if (http.GetEndpoint()?.Metadata.GetMetadata<HttpChain>() is { } chain && QueryContract.Check(chain, http.Request.Query) is { IsValid: false } query)
        {
            http.Response.StatusCode = StatusCodes.Status400BadRequest;
            await http.RequestServices.GetRequiredService<IProblemDetailsService>()
                .WriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = Refused(query.ToProblem()) });
            return;
        }
        if (http.GetEndpoint()?.Metadata.GetMetadata<IAcceptsMetadata>() is { RequestType: { } type })
        {
            var problem = await Admit(http, type);
            if (problem is not null)
            {
                http.Response.StatusCode = problem.Status ?? StatusCodes.Status400BadRequest;
                await http.RequestServices.GetRequiredService<IProblemDetailsService>()
                    .WriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = problem });
                return;
            }
        }
        await next(http);
    });

    private static async Task<ProblemDetails?> Admit(HttpContext http, Type type)
    {
        if (http.Request.ContentLength == 0 || (http.Request.ContentLength is null && !http.Request.Headers.TransferEncoding.Any()))
            return Refused(Validation.MissingBody());
        if (!IsJson(http.Request.ContentType))
            return new ProblemDetails
            {
                Status = StatusCodes.Status415UnsupportedMediaType,
                Title = "The request body must be JSON.",
                Detail = "Send the body with 'Content-Type: application/json'.",
                Type = "https://tools.ietf.org/html/rfc9110#section-15.5.16",
                Extensions = { [StageKey] = "contract" }
            }.WithCode("unsupported-media-type");

        http.Request.EnableBuffering(bufferThreshold: 64 * 1024, bufferLimit: RequestLimits.MaxBodyBytes);
        var options = http.RequestServices.GetRequiredService<IOptions<HttpJsonOptions>>().Value.SerializerOptions;
        var (_, problem) = await ReadAsync(options, async read =>
        {
            http.Request.Body.Position = 0;
            try
            {
                return await JsonSerializer.DeserializeAsync(http.Request.Body, type, read, http.RequestAborted);
            }
            finally
            {
                http.Request.Body.Position = 0;
            }
        });
        return problem;
    }

    /// <summary>
    /// Reads one body of an operation's declared type strictly (<paramref name="strict"/>: required fields, no
    /// unknown or repeated keys, exact enum names) and checks it against <see cref="RequestContract"/>: the body, or the
    /// problem with an error per field. <paramref name="deserialize"/> reads the body with the options it is given (once
    /// strict; when only required fields were missing, once more without that rule, so one answer names every broken
    /// field). The HTTP door and the hub's <c>CastBallot</c> read through here, so both answer any input alike.
    /// </summary>
    public static async ValueTask<(object? Body, ProblemDetails? Problem)> ReadAsync(JsonSerializerOptions strict,
        Func<JsonSerializerOptions, ValueTask<object?>> deserialize)
    {
        object? body;
        try
        {
            body = await deserialize(strict);
        }
        catch (JsonException e)
        {
            var (unreadable, missingOnly) = Unreadable(e);
            if (missingOnly && await ReadWithoutRequired(strict, deserialize) is { } partial) unreadable.Merge(RequestContract.Check(partial));
            return (null, Refused(unreadable.ToProblem()));
        }
        if (body is null) return (null, Refused(Validation.MissingBody()));
        var check = RequestContract.Check(body);
        return check.IsValid ? (body, null) : (null, Refused(check.ToProblem()));
    }

    /// <summary>Name of the problem member that says the door refused the request: it broke the published contract.</summary>
    public const string StageKey = "stage";

    /// <summary>Marks a problem as the door's (<c>stage: "contract"</c>); the hub uses it for the same refusals.</summary>
    public static ProblemDetails Refused(ProblemDetails problem)
    {
        problem.Extensions[StageKey] = "contract";
        return problem;
    }

    private static bool IsJson(string? contentType) =>
        contentType is not null && Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(contentType, out var media)
        && (media.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase) || media.Suffix.Equals("json", StringComparison.OrdinalIgnoreCase))
        && (media.Charset.Length == 0 || media.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// A body that does not read as the declared shape, as field errors (the JSON path of the failure is the field), and
    /// whether the only fault was required fields left out.
    /// </summary>
    internal static (Validation Errors, bool MissingOnly) Unreadable(JsonException e)
    {
        var v = new Validation();
        var at = FieldOf(e.Path);
        var message = e.Message;
        if (MissingProperties().Match(message) is { Success: true } missing)
        {
            foreach (Match name in Quoted().Matches(missing.Groups[1].Value))
                v.Add(Join(at, name.Groups[1].Value), "Required.", RequestContract.RequiredCode(name.Groups[1].Value));
            return (v, true);
        }
        if (Unmapped().Match(message) is { Success: true } unknown)
            return (v.Add(Join(at, unknown.Groups[1].Value), "This operation does not declare this property.", "property-unknown"), false);
        if (Duplicate().Match(message) is { Success: true } duplicate)
            return (v.Add(Join(at, duplicate.Groups[1].Value), "A property may appear once.", "property-repeated"), false);
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return (v.Add(at.Length == 0 ? "body" : at, cut > 0 ? message[..cut] : message, "bad-json"), false);
    }

    private static readonly ConditionalWeakTable<JsonSerializerOptions, JsonSerializerOptions> WithoutRequired = new();

    private static async Task<object?> ReadWithoutRequired(JsonSerializerOptions strict, Func<JsonSerializerOptions, ValueTask<object?>> deserialize)
    {
        var options = WithoutRequired.GetValue(strict, s => new JsonSerializerOptions(s) { RespectRequiredConstructorParameters = false });
        try
        {
            return await deserialize(options);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string FieldOf(string? path)
    {
        if (string.IsNullOrEmpty(path) || path == "$") return "";
        var field = path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
        return field.Replace("['", ".").Replace("']", "");
    }

    private static string Join(string at, string name)
    {
        // A duplicate or unknown key is reported with the path of the key itself; do not name it twice.
        if (at.Length == 0) return name;
        return at == name || at.EndsWith("." + name, StringComparison.Ordinal) ? at : $"{at}.{name}";
    }

    [GeneratedRegex("missing required properties including: (.*)", RegexOptions.Singleline)]
    private static partial Regex MissingProperties();

    [GeneratedRegex("'([^']+)'")]
    private static partial Regex Quoted();

    [GeneratedRegex("JSON property '([^']+)' could not be mapped")]
    private static partial Regex Unmapped();

    [GeneratedRegex("[Dd]uplicate property '([^']+)'")]
    private static partial Regex Duplicate();
}
