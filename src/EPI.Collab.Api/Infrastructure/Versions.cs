using System.Collections.Concurrent;
using System.Reflection;
using System.Text;
using System.Text.Json.Nodes;
using JasperFx;
using JasperFx.CodeGeneration;
using JasperFx.CodeGeneration.Frames;
using Microsoft.AspNetCore.Http.Metadata;
using Wolverine.Http;

namespace EPI.Collab.Api.Infrastructure;

/// <summary>
/// Versions a client can read and send back. A resource whose read model has an <c>int Version</c> returns it in the
/// body and, on a GET of that one resource, as a strong <c>ETag: "N"</c>. A command whose body has a <c>version</c>
/// accepts <c>If-Match: "N"</c> instead: the body's <c>version</c> may then be left out (it is filled in from the
/// header); when both are given they must agree (else 400). A stale version is 409 when it came in the body and 412
/// when it came as If-Match (a failed precondition, RFC 9110 §13.1.1). If-Match on an operation that takes no
/// version is ignored.
/// </summary>
public static class Versions
{
    public const string Property = "Version", JsonField = "version";

    public static bool IsVersioned(Type? type) => type?.GetProperty(Property, BindingFlags.Public | BindingFlags.Instance)?.PropertyType == typeof(int);

    public static string ETag(int version) => $"\"{version}\"";

    /// <summary>Sets the ETag header from the resource's version; called by the code <see cref="ETagPolicy"/> adds to GET endpoints.</summary>
    public static void SetETag<T>(HttpContext http, T? resource)
    {
        if (resource is not null) http.Response.Headers.ETag = ETag(VersionOf<T>.Get(resource));
    }

    private static class VersionOf<T>
    {
        public static readonly Func<T, int> Get = CreateGetter();

        private static Func<T, int> CreateGetter()
        {
            var property = typeof(T).GetProperty(Property, BindingFlags.Public | BindingFlags.Instance)!;
            return (Func<T, int>)Delegate.CreateDelegate(typeof(Func<T, int>), property.GetGetMethod()!);
        }
    }

    /// <summary>Adds the ETag to every GET endpoint whose response is one versioned resource (not lists).</summary>
    public sealed class ETagPolicy : IHttpPolicy
    {
        public void Apply(IReadOnlyList<HttpChain> chains, GenerationRules rules, IServiceContainer container)
        {
            foreach (var chain in chains.Where(c => c.HttpMethods.Contains("GET") && IsVersioned(c.ResourceType)))
            {
                var resource = chain.Method.Creates.First(v => v.VariableType == chain.ResourceType);
                var call = new MethodCall(typeof(Versions), typeof(Versions).GetMethod(nameof(SetETag))!.MakeGenericMethod(chain.ResourceType!));
                call.Arguments[1] = resource;
                chain.Postprocessors.Insert(0, call); // before the frame that writes the response
            }
        }
    }

    /// <summary>The If-Match half: runs before the endpoint, after the JSON body guard.</summary>
    public static IApplicationBuilder UseIfMatch(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        var ifMatch = http.Request.Headers.IfMatch;
        if (ifMatch.Count == 0 || HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method)
            || !IsVersioned(http.GetEndpoint()?.Metadata.GetMetadata<IAcceptsMetadata>()?.RequestType))
        {
            await next(http);
            return;
        }
        if (ParseIfMatch(ifMatch.ToString()) is not { } version)
        {
            await Refuse(http, "If-Match", "One strong entity tag of this resource, e.g. \"3\" (quotes included), as returned in its ETag.");
            return;
        }
        if (await WithVersion(http, version) == Outcome.Disagrees)
        {
            await Refuse(http, JsonField, $"The body's version and If-Match ({ETag(version)}) disagree: send one, or the same in both.");
            return;
        }
        try
        {
            await next(http);
        }
        catch (Exception e) when (IsConcurrency(e))
        {
            throw new PreconditionFailed(version);
        }
    });

    /// <summary>A single strong ETag with a non-negative version; anything else (weak, list, <c>*</c>) is refused.</summary>
    public static int? ParseIfMatch(string value) =>
        value.Length >= 3 && value[0] == '"' && value[^1] == '"' && int.TryParse(value.AsSpan(1, value.Length - 2),
            System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var v) ? v : null;

    private enum Outcome { Replaced, Agrees, Disagrees, NotAnObject }

    /// <summary>Puts the If-Match version into the body's <c>version</c> when absent; a body that is not an object is left to the validation.</summary>
    private static async Task<Outcome> WithVersion(HttpContext http, int version)
    {
        http.Request.EnableBuffering();
        JsonNode? body;
        try
        {
            body = await JsonNode.ParseAsync(http.Request.Body, cancellationToken: http.RequestAborted);
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or ArgumentException)
        {
            // Unreadable, or a key given twice: left to the request contract, which refuses it with a field error.
            body = null;
        }
        http.Request.Body.Position = 0;
        if (body is not JsonObject json) return Outcome.NotAnObject;
        if (json.TryGetPropertyValue(JsonField, out var given))
            return given is JsonValue value && value.TryGetValue<int>(out var sent) && sent == version ? Outcome.Agrees : Outcome.Disagrees;
        json[JsonField] = version;
        var bytes = Encoding.UTF8.GetBytes(json.ToJsonString());
        http.Request.Body = new MemoryStream(bytes);
        http.Request.ContentLength = bytes.Length;
        return Outcome.Replaced;
    }

    private static bool IsConcurrency(Exception? e) => e is not null && (e is ConcurrencyException || IsConcurrency(e.InnerException));

    private static ValueTask Refuse(HttpContext http, string field, string message)
    {
        http.Response.StatusCode = StatusCodes.Status400BadRequest;
        return http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = new Validation().Add(field, message).ToProblem()
        });
    }

    /// <summary>The version sent as If-Match is not the current one: 412 Precondition Failed.</summary>
    public sealed class PreconditionFailed(int version) : ErrorHandling.ProblemException(StatusCodes.Status412PreconditionFailed, "conflict",
        $"The resource is no longer at version {version} (If-Match {ETag(version)}); read it again and retry.");
}
