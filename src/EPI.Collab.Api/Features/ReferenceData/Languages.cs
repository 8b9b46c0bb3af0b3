namespace EPI.Collab.Api.Features.ReferenceData;

/// <summary>A user-facing text together with the language it was written in (BCP 47 primary tag).</summary>
public sealed record LocalizedText(string Lang, string Text);

/// <summary>The languages a session can run in: English and the official languages of the seven EPI cities.</summary>
public static class Languages
{
    public static readonly IReadOnlyList<string> Accepted = ["en", "es", "ro", "de", "sv", "pl", "it", "lv"];

    public static bool IsAccepted(string? lang) => lang is not null && Accepted.Contains(lang);
}
