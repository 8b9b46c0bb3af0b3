using EPI.Collab.Api.Infrastructure;
using EPI.Collab.Api.Infrastructure.Contract;

namespace EPI.Collab.Api.Features.ReferenceData;

/// <summary>A user-facing text together with the language it was written in (BCP 47 primary tag).</summary>
[InlineSchema]
public sealed record LocalizedText([property: Language] string Lang, string Text)
{
    public LocalizedText Trimmed() => this with { Text = Text.Trim() };
}

/// <summary>A language the service knows: its BCP 47 tag, its own name (endonym), its writing direction.</summary>
/// <param name="Messages">The phone's texts exist in this language (else the phone shows English ones).</param>
public sealed record Language(string Code, string Name, bool RightToLeft, bool Messages);

/// <summary>
/// The languages texts may be written, translated and shown in: a closed list of BCP 47 tags (ISO 639-1 where one exists,
/// ISO 639-3 otherwise, e.g. <c>prs</c> Dari, <c>ckb</c> Central Kurdish), never free text. <see cref="Core"/> are English
/// and the official languages of the seven cities (every text of the service exists in them); <see cref="WithMessages"/>
/// adds the newcomers' languages the phone speaks.
/// </summary>
public static class Languages
{
    /// <summary>Language versions of one text in a request, at the most.</summary>
    public const int MaxVersions = 20;

    public static readonly IReadOnlyList<string> Core = ["en", "es", "ro", "de", "sv", "pl", "it", "lv"];

    public static readonly IReadOnlyList<string> Community = ["ar", "uk", "ru", "tr", "fa", "so", "sq", "ti", "hu"];

    public static readonly IReadOnlyList<string> WithMessages = [.. Core, .. Community];

    private static readonly HashSet<string> RightToLeftCodes = ["ar", "fa", "prs", "ps", "ur", "ckb", "he", "yi", "dv", "ug", "sd"];

    private static readonly (string Code, string Name)[] Names =
    [
        ("en", "English"), ("es", "Español"), ("ro", "Română"), ("de", "Deutsch"), ("sv", "Svenska"), ("pl", "Polski"),
        ("it", "Italiano"), ("lv", "Latviešu"),
        ("ar", "العربية"), ("uk", "Українська"), ("ru", "Русский"), ("tr", "Türkçe"), ("fa", "فارسی"), ("so", "Soomaali"),
        ("sq", "Shqip"), ("ti", "ትግርኛ"), ("hu", "Magyar"),
        ("am", "አማርኛ"), ("az", "Azərbaycan"), ("be", "Беларуская"), ("ber", "Tamaziɣt"), ("bg", "Български"), ("bn", "বাংলা"),
        ("bs", "Bosanski"), ("ckb", "کوردیی ناوەندی"), ("cs", "Čeština"), ("el", "Ελληνικά"), ("fr", "Français"), ("ha", "Hausa"),
        ("he", "עברית"), ("hi", "हिन्दी"), ("hr", "Hrvatski"), ("hy", "Հայերեն"), ("ig", "Igbo"), ("ka", "ქართული"), ("kk", "Қазақша"),
        ("ku", "Kurdî"), ("ky", "Кыргызча"), ("ln", "Lingála"), ("lt", "Lietuvių"), ("mk", "Македонски"), ("ne", "नेपाली"),
        ("nl", "Nederlands"), ("om", "Afaan Oromoo"), ("pa", "ਪੰਜਾਬੀ"), ("prs", "دری"), ("ps", "پښتو"), ("pt", "Português"),
        ("rom", "Romani"), ("sk", "Slovenčina"), ("sl", "Slovenščina"), ("sr", "Српски"), ("sw", "Kiswahili"), ("ta", "தமிழ்"),
        ("tg", "Тоҷикӣ"), ("tk", "Türkmençe"), ("tl", "Tagalog"), ("ur", "اردو"), ("uz", "Oʻzbek"), ("vi", "Tiếng Việt"),
        ("wo", "Wolof"), ("yo", "Yorùbá"), ("zh", "中文")
    ];

    public static readonly IReadOnlyList<Language> Known =
        Names.Select(n => new Language(n.Code, n.Name, RightToLeftCodes.Contains(n.Code), WithMessages.Contains(n.Code))).ToList();

    /// <summary>Every known tag: what a text, a session, a translation or a phone may use.</summary>
    public static readonly IReadOnlyList<string> Accepted = Known.Select(l => l.Code).ToList();

    private static readonly HashSet<string> AcceptedSet = [.. Accepted];

    public static bool IsAccepted(string? lang) => lang is not null && AcceptedSet.Contains(lang);

    public static bool IsRightToLeft(string lang) => RightToLeftCodes.Contains(lang);

    public static string AcceptedList => $"Must be a known BCP 47 language tag (GET /api/languages), e.g. {string.Join(", ", WithMessages)}.";

    /// <summary>A text in an accepted language, <paramref name="min"/> to <paramref name="max"/> characters once trimmed.</summary>
    public static Validation RequireText(this Validation v, LocalizedText? text, string field, int min, int max)
    {
        if (text is null) return v.Add(field, "Required: a text and its language.", "text-length");
        return v.Require(IsAccepted(text.Lang), $"{field}.lang", AcceptedList, "language-unsupported").RequireLength(text.Text, $"{field}.text", min, max);
    }
}
