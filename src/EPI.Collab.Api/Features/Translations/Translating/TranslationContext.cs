using EPI.Collab.Api.Features.PersonalData;
using EPI.Collab.Api.Features.ReferenceData;
using EPI.Collab.Api.Features.Live;
using EPI.Collab.Api.Infrastructure;
using EPI.Collab.Api.Infrastructure.Auth;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace EPI.Collab.Api.Features.Translations.Translating;

/// <summary>What a translation command needs loaded: the workshop's board (session languages, staff texts) and the source text.</summary>
public sealed record TranslationContext(WorkshopBoard? Board, TranslationSource? Source)
{
    public static async Task<TranslationContext> LoadAsync(Guid workshopId, TranslatedKind? kind, Guid? sourceId, IQuerySession session,
        CancellationToken ct)
    {
        var board = await session.LoadAsync<WorkshopBoard>(workshopId, ct);
        return new(board, board is null || kind is null || sourceId is null ? null
            : await TranslationSource.FindAsync(session, board, kind.Value, sourceId.Value, ct));
    }

    /// <summary>The rules every translation meets, human or machine: a session language other than the original's, of a text that is there.</summary>
    public ProblemDetails Refusal(string lang, Guid workshopId, TranslatedKind kind, Guid sourceId) =>
        Board is null ? Problems.NotFound($"There is no workshop {workshopId} in this city (or it was scheduled a moment ago).")
        : !Board.Languages.Contains(lang)
            ? new Validation().Add("lang", $"Not a session language of this workshop: choose from {string.Join(", ", Board.Languages)}.",
                "language-unsupported").ToProblem()
        : Source is null ? Problems.NotFound($"There is no {kind} {sourceId} to translate in this workshop (or it is hidden or withdrawn).")
        : Source.Lang == lang ? new Validation().Add("lang", $"The original is already in '{lang}'.", "language-unsupported").ToProblem()
        : WolverineContinue.NoProblems;

    /// <summary>
    /// The decision: the next translation of this text into this language. A participant's text is sealed under its
    /// author's key (null <paramref name="authorSeal"/>: the author was erased, and so is everything they wrote).
    /// </summary>
    public static TextTranslated Decide(TranslationSource source, string lang, int previous, TranslationOrigin origin, string? engine, string text,
        SubjectSeal? authorSeal, Actor actor, Guid workshopId, Guid translationId, DateTimeOffset now)
    {
        var trimmed = text.Trim();
        var (sealedText, plain) = source.Personal is null
            ? ((PersonalText?)null, trimmed)
            : (authorSeal?.Seal(new LocalizedText(lang, trimmed)) ?? throw new SubjectErasedException(), (string?)null);
        return new(translationId, workshopId, source.Kind, source.SourceId, source.Version, source.Lang, lang, previous + 1, origin, engine,
            sealedText, plain, actor.Id, actor.Role, now);
    }

    /// <summary>The author's key, when the source is a participant's text; appends the event to the text's translation stream.</summary>
    public static async Task<TranslationRecorded> RecordAsync(IDocumentSession session, KeyRing ring, TranslationSource source, string lang,
        TranslationOrigin origin, string? engine, string text, Actor actor, Guid workshopId, DateTimeOffset now, CancellationToken ct)
    {
        var stream = await session.Events.FetchForWriting<Translation>(TranslationStream.Id(source.Kind, source.SourceId, lang), ct);
        SubjectSeal? seal = null;
        if (source.Personal is { } personal)
            seal = (await SubjectKeys.LoadAsync(session, ring, [personal.Subject], ct)).GetValueOrDefault(personal.Subject);
        var translated = Decide(source, lang, stream.Aggregate?.Count ?? 0, origin, engine, text, seal, actor, workshopId, Guid.CreateVersion7(now), now);
        stream.AppendOne(translated);
        return new TranslationRecorded(translated.TranslationId, translated.Version, translated.SourceVersion);
    }
}

/// <summary>The translation recorded: its id, its number among the translations of that text into that language, the text version it translates.</summary>
public sealed record TranslationRecorded(Guid TranslationId, int Version, int SourceVersion);
