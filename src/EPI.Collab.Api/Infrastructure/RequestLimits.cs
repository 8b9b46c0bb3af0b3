using System.Buffers;
using Microsoft.AspNetCore.Mvc;

namespace EPI.Collab.Api.Infrastructure;

/// <summary>
/// Limits on what a request may carry: a body size cap (413 beyond it) and no NUL characters in JSON bodies, which
/// PostgreSQL cannot store in jsonb (400 before anything runs, instead of a failed transaction). The check is on the
/// raw bytes, so a text that spells out a backslash followed by "u0000" is refused too; no real text needs that.
/// </summary>
public static class RequestLimits
{
    /// <summary>The largest request body accepted (a method template import is the largest legitimate one).</summary>
    public const long MaxBodyBytes = 1024 * 1024;

    private static readonly byte[] EscapedNul = "\\u0000"u8.ToArray();

    public static WebApplicationBuilder AddRequestLimits(this WebApplicationBuilder builder)
    {
        builder.WebHost.ConfigureKestrel(o => o.Limits.MaxRequestBodySize = MaxBodyBytes);
        return builder;
    }

    public static IApplicationBuilder UseJsonBodyGuard(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        if (http.Request.ContentType?.Contains("json", StringComparison.OrdinalIgnoreCase) == true && http.Request.ContentLength is not 0)
        {
            // The buffer is rented at the threshold's size for every request: a body's own length when it is known (a ballot
            // is a few hundred bytes), 64 KB for a body sent in chunks. A fixed 64 KB emptied the array pool in a storm of
            // 2,000 HTTP ballots and allocated 64 KB per request (issue #15).
            var threshold = (int)Math.Min(http.Request.ContentLength ?? 64 * 1024, MaxBodyBytes);
            http.Request.EnableBuffering(bufferThreshold: threshold, bufferLimit: MaxBodyBytes);
            if (await ContainsNulAsync(http.Request.Body, http.RequestAborted))
            {
                await Refuse(http);
                return;
            }
            http.Request.Body.Position = 0;
        }
        await next(http);
    });

    private static async Task<bool> ContainsNulAsync(Stream body, CancellationToken ct)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            // Keep the tail of the previous chunk so an escape split across chunks is still found.
            var carry = 0;
            int read;
            while ((read = await body.ReadAsync(buffer.AsMemory(carry, buffer.Length - carry), ct)) > 0)
            {
                var span = buffer.AsSpan(0, carry + read);
                if (span.IndexOf((byte)0) >= 0 || span.IndexOf(EscapedNul) >= 0) return true;
                carry = Math.Min(EscapedNul.Length - 1, span.Length);
                span[^carry..].CopyTo(buffer);
            }
            return false;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static Task Refuse(HttpContext http)
    {
        http.Response.StatusCode = StatusCodes.Status400BadRequest;
        return http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "The request could not be read.",
                Detail = "Text must not contain NUL characters (\\u0000)."
            }.WithCode("bad-json")
        }).AsTask();
    }
}
