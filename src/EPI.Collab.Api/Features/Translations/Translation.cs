using EPI.Collab.Api.Features.PersonalData;
using EPI.Collab.Api.Features.Workshops;
using EPI.Collab.Api.Infrastructure;

namespace EPI.Collab.Api.Features.Translations;

/// <summary>What a translation translates: the workshop's focus question, a proposal, a comment, a round's question or option.</summary>
public enum TranslatedKind { FocusQuestion, Proposal, Comment, RoundQuestion, RoundOption }

/// <summary><c>HUMAN</c>: typed by an interpreter or facilitator; <c>MACHINE</c>: returned by the named engine.</summary>
public enum TranslationOrigin { Human, Machine }

/// <summary>
/// A text of the workshop was translated into one of its session languages. <paramref name="SourceVersion"/> is the text
/// version translated (a proposal's amendment makes the translation stale); <paramref name="Version"/> numbers the
/// translations of that text into that language (1, 2 …; the last one is shown). The translation of a participant's text
/// is that author's personal data: <paramref name="Sealed"/> is sealed under the AUTHOR's key and erased with them; a
/// staff text (focus question, round texts) is translated in clear in <paramref name="Text"/>.
/// <paramref name="By"/> is the pseudonymous actor who typed it, or who asked the engine.
/// </summary>
public sealed record TextTranslated(
    Guid TranslationId, Guid WorkshopId, TranslatedKind Kind, Guid SourceId, int SourceVersion, string SourceLang, string Lang, int Version,
    TranslationOrigin Origin, string? Engine, PersonalText? Sealed, string? Text, Guid By, string ByRole, DateTimeOffset At) : IWorkshopEvent;

/// <summary>Write model of the translations of one text into one language: how many there were.</summary>
public sealed record Translation(Guid Id, Guid WorkshopId, int Count, int Version = 0)
{
    public static Translation Create(TextTranslated e) => new(TranslationStream.Id(e.Kind, e.SourceId, e.Lang), e.WorkshopId, 1);

    public Translation Apply(TextTranslated e) => this with { Count = e.Version };
}

public static class TranslationStream
{
    private static readonly Guid Namespace = new("0c9f3b8e-1d2a-4f57-9e61-7a4b2c8d5e10");

    /// <summary>One stream per text and target language, so two interpreters of different texts never conflict.</summary>
    public static Guid Id(TranslatedKind kind, Guid sourceId, string lang) => DeterministicGuid.Create(Namespace, $"{kind}:{sourceId:N}:{lang}");
}
