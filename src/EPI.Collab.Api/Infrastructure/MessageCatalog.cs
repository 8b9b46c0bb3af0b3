using System.Collections.Frozen;
using System.Text.Json;
using Microsoft.Net.Http.Headers;

namespace EPI.Collab.Api.Infrastructure;

/// <summary>
/// Texts people see (phase names, groups, errors …) in every supported language, loaded once from the embedded
/// <c>messages.json</c> (key → language → text). The language of a request is the first supported one of its
/// Accept-Language header, else English.
/// </summary>
public sealed class MessageCatalog
{
    public const string Fallback = "en";
    private readonly FrozenDictionary<string, FrozenDictionary<string, string>> _texts;

    private MessageCatalog(Dictionary<string, Dictionary<string, string>> texts)
    {
        _texts = texts.ToFrozenDictionary(k => k.Key, k => k.Value.ToFrozenDictionary());
        Languages = [.. _texts.Values.SelectMany(v => v.Keys).Distinct()];
    }

    public static MessageCatalog Load()
    {
        var assembly = typeof(MessageCatalog).Assembly;
        var name = assembly.GetManifestResourceNames().Single(n => n.EndsWith("messages.json", StringComparison.Ordinal));
        using var stream = assembly.GetManifestResourceStream(name)!;
        return new MessageCatalog(JsonSerializer.Deserialize<Dictionary<string, Dictionary<string, string>>>(stream)!);
    }

    public IEnumerable<string> Keys => _texts.Keys;

    /// <summary>The languages the catalogue has texts in.</summary>
    public IReadOnlyList<string> Languages { get; }

    public string? Text(string key, string language) =>
        _texts.TryGetValue(key, out var byLanguage)
            ? byLanguage.GetValueOrDefault(language) ?? byLanguage.GetValueOrDefault(Fallback)
            : null;

    public IReadOnlyDictionary<string, string> For(string language) =>
        _texts.ToDictionary(k => k.Key, k => k.Value.GetValueOrDefault(language) ?? k.Value[Fallback]);

    public static string LanguageOf(HttpRequest request, IReadOnlyList<string> supported)
    {
        var accepted = request.GetTypedHeaders().AcceptLanguage
            .OrderByDescending(l => l.Quality ?? 1)
            .Select(l => l.Value.Value?.Split('-')[0].ToLowerInvariant());
        return accepted.FirstOrDefault(l => l is not null && supported.Contains(l)) ?? Fallback;
    }
}
