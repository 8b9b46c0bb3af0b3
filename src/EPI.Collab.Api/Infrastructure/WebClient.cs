using System.IO.Compression;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.Net.Http.Headers;

namespace EPI.Collab.Api.Infrastructure;

/// <summary>
/// The web client (wwwroot: phone page, facilitator console, projector, auditor and city views) is served by the
/// service itself, before authentication, so the pages are public; the API they call still checks every request.
/// Static files are compressed (brotli, else gzip); API answers are not, since they carry tokens (BREACH).
/// </summary>
public static class WebClient
{
    /// <summary>The address the join QR code encodes; a phone opening it gets the phone page.</summary>
    public const string JoinPrefix = "/join";
    public const string PhonePage = "/phone.html";

    public static IServiceCollection AddWebClient(this IServiceCollection services)
    {
        services.AddResponseCompression(o =>
        {
            o.EnableForHttps = true;
            o.Providers.Add<BrotliCompressionProvider>();
            o.Providers.Add<GzipCompressionProvider>();
            o.MimeTypes = ["text/html", "text/css", "text/javascript", "application/javascript", "image/svg+xml", "application/manifest+json"];
        });
        // Compressed on every request (2,000 phones may load the page within a minute): the fast levels, not the smallest,
        // which cost brotli level 11 per response; the phone's first load stays far inside its 150 KB budget either way.
        services.Configure<BrotliCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
        services.Configure<GzipCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
        return services;
    }

    public static WebApplication UseWebClient(this WebApplication app)
    {
        app.UseWhen(IsPage, page =>
        {
            page.UseResponseCompression();
            // /join/{code} (the QR link) is the phone page; the page reads the code from its own address.
            page.Use((context, next) =>
            {
                if (context.Request.Path.StartsWithSegments(JoinPrefix)) context.Request.Path = PhonePage;
                return next(context);
            });
            page.UseDefaultFiles();
            page.UseStaticFiles(new StaticFileOptions
            {
                // Revalidate every time (ETag): a phone never runs a stale client against a newer API.
                OnPrepareResponse = file => file.Context.Response.Headers[HeaderNames.CacheControl] = "no-cache"
            });
        });
        return app;
    }

    private static bool IsPage(HttpContext context) =>
        !context.Request.Path.StartsWithSegments("/api") && !context.Request.Path.StartsWithSegments(Auth.AuthSetup.HubPathPrefix)
        && !context.Request.Path.StartsWithSegments("/health") && !context.Request.Path.StartsWithSegments("/openapi");
}
