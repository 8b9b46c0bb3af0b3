using System.Net.Http.Json;
using System.Text.Json.Serialization;

namespace EPI.Collab.Api.Features.Translations.Machine;

/// <summary>
/// The machine-translation port: a text and two language tags in, a translation out. It is handed only the text: never
/// who wrote it, who asks, the workshop or the city (the caller has no way to pass them).
/// </summary>
public interface IMachineTranslator
{
    /// <summary>The engine's name as translations record it (e.g. <c>LibreTranslate</c>).</summary>
    string Engine { get; }

    Task<string> TranslateAsync(string text, string sourceLang, string targetLang, CancellationToken ct);
}

/// <summary>The <c>Translation</c> configuration section. Without <see cref="LibreTranslateUrl"/> there is no machine translation.</summary>
public sealed class TranslationOptions
{
    public const string Section = "Translation";

    /// <summary>Base URL of the city's own LibreTranslate-compatible server, e.g. <c>http://translate.internal:5000/</c>.</summary>
    public string? LibreTranslateUrl { get; set; }

    /// <summary>API key, when that server requires one.</summary>
    public string? ApiKey { get; set; }

    /// <summary>The engine name recorded on machine translations.</summary>
    public string EngineName { get; set; } = "LibreTranslate";
}

/// <summary>
/// A self-hosted LibreTranslate (or compatible) server: <c>POST /translate {q, source, target, format}</c> →
/// <c>{translatedText}</c>. The HttpClient carries the standard resilience handler (retries, timeouts, circuit breaker).
/// </summary>
public sealed class LibreTranslateClient(HttpClient http, TranslationOptions options) : IMachineTranslator
{
    public string Engine => options.EngineName;

    public async Task<string> TranslateAsync(string text, string sourceLang, string targetLang, CancellationToken ct)
    {
        using var response = await http.PostAsJsonAsync("translate", new TranslateRequest(text, sourceLang, targetLang, "text", options.ApiKey), ct);
        if (!response.IsSuccessStatusCode)
            throw new MachineTranslationFailedException($"The translation server answered {(int)response.StatusCode}.");
        var answer = await response.Content.ReadFromJsonAsync<TranslateResponse>(ct);
        return answer?.TranslatedText is { Length: > 0 } translated
            ? translated
            : throw new MachineTranslationFailedException("The translation server returned no text.");
    }

    private sealed record TranslateRequest(
        [property: JsonPropertyName("q")] string Q,
        [property: JsonPropertyName("source")] string Source,
        [property: JsonPropertyName("target")] string Target,
        [property: JsonPropertyName("format")] string Format,
        [property: JsonPropertyName("api_key"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ApiKey);

    private sealed record TranslateResponse([property: JsonPropertyName("translatedText")] string? TranslatedText);
}

/// <summary>The translation server failed or gave nothing: a 502 to the caller; nothing is recorded.</summary>
public sealed class MachineTranslationFailedException(string message)
    : Infrastructure.ErrorHandling.ProblemException(StatusCodes.Status502BadGateway, "machine-translation-failed", message);
