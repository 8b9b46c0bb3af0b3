using EPI.Collab.Api.Infrastructure;
using EPI.Collab.Api.Infrastructure.Contract;

namespace EPI.Collab.Api.Features.ReferenceData;

/// <summary>A user-facing text together with the language it was written in (BCP 47 primary tag).</summary>
[InlineSchema]
public sealed record LocalizedText([property: Language] string Lang, string Text)
{
    public LocalizedText Trimmed() => this with { Text = Text.Trim() };
}

/// <summary>The languages a session can run in: English and the official languages of the seven EPI cities.</summary>
public static class Languages
{
    /// <summary>Language versions of one text in a request, at the most.</summary>
    public const int MaxVersions = 20;

    public static readonly IReadOnlyList<string> Accepted = ["en", "es", "ro", "de", "sv", "pl", "it", "lv"];

    public static bool IsAccepted(string? lang) => lang is not null && Accepted.Contains(lang);

    public static string AcceptedList => $"Must be one of {string.Join(", ", Accepted)}.";

    /// <summary>A text in an accepted language, <paramref name="min"/> to <paramref name="max"/> characters once trimmed.</summary>
    public static Validation RequireText(this Validation v, LocalizedText? text, string field, int min, int max)
    {
        if (text is null) return v.Add(field, "Required: a text and its language.", "text-length");
        return v.Require(IsAccepted(text.Lang), $"{field}.lang", AcceptedList, "language-unsupported").RequireLength(text.Text, $"{field}.text", min, max);
    }
}
