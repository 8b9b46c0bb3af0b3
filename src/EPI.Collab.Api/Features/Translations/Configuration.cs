using EPI.Collab.Api.Features.Translations.Machine;
using JasperFx.Events.Projections;
using Marten;

namespace EPI.Collab.Api.Features.Translations;

public static class Configuration
{
    public static StoreOptions ConfigureTranslations(this StoreOptions opts)
    {
        opts.Projections.Snapshot<Translation>(SnapshotLifecycle.Inline);
        opts.Projections.Snapshot<Reading.BallotReading>(SnapshotLifecycle.Inline);
        return opts;
    }

    /// <summary>
    /// The machine-translation port: a named HttpClient to the city's own LibreTranslate-compatible server (the standard
    /// resilience handler comes with every HttpClient, see Infrastructure/Resilience.cs). Without a URL nothing is registered
    /// to call out, and the machine endpoint answers that machine translation is off.
    /// </summary>
    public static WebApplicationBuilder AddTranslations(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(TranslationOptions.Section).Get<TranslationOptions>() ?? new TranslationOptions();
        if (!string.IsNullOrWhiteSpace(options.LibreTranslateUrl)
            && !Uri.TryCreate(options.LibreTranslateUrl.TrimEnd('/') + "/", UriKind.Absolute, out _))
            throw new InvalidOperationException("Translation:LibreTranslateUrl must be an absolute URL.");
        builder.Services.AddSingleton(options);
        builder.Services.AddHttpClient(MachineTranslation.ClientName, http =>
        {
            if (!string.IsNullOrWhiteSpace(options.LibreTranslateUrl)) http.BaseAddress = new Uri(options.LibreTranslateUrl.TrimEnd('/') + "/");
        });
        builder.Services.AddSingleton<MachineTranslation>();
        return builder;
    }
}
