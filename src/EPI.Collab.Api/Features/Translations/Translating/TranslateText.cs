using EPI.Collab.Api.Features.ReferenceData;
using EPI.Collab.Api.Infrastructure.Contract;
using System.ComponentModel.DataAnnotations;
using EPI.Collab.Api.Features.PersonalData;
using EPI.Collab.Api.Infrastructure;
using EPI.Collab.Api.Infrastructure.Auth;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace EPI.Collab.Api.Features.Translations.Translating;

/// <param name="Kind">What is translated.</param>
/// <param name="SourceId">The workshop (focus question), proposal, comment, round (question) or option id.</param>
/// <param name="SourceVersion">The text version the interpreter read and translated (a proposal's current version; 1 otherwise).</param>
/// <param name="Lang">A session language of the workshop (BCP 47).</param>
/// <param name="Text">The translation.</param>
public sealed record TranslateText(TranslatedKind Kind, Guid SourceId, [property: Range(1, 10_000)] int SourceVersion, [property: Language] string Lang, [property: StringLength(TranslateText.MaxTextLength, MinimumLength = 1)] string Text)
{
    public static TranslateText Example => new(TranslatedKind.Proposal, new Guid("0196f3a0-7c1e-7a52-9c3b-5d1e2f3a4b5c"), 1, "ar",
        "أزواج إرشاد مع أصحاب العمل المحليين");

    public const int MaxTextLength = 4000;

    public Validation Check() => new Validation()
        .Require(Enum.IsDefined(Kind), "kind", "Unknown kind.")
        .Require(SourceId != Guid.Empty, "sourceId", "Required.")
        .RequireLength(Text, "text", 1, MaxTextLength);
}

public static class TranslateTextEndpoint
{
    public static Task<TranslationContext> LoadAsync(TranslateText command, Guid workshopId, IQuerySession session, CancellationToken ct) =>
        TranslationContext.LoadAsync(workshopId, command.Kind, command.SourceId, session, ct);

    public static ProblemDetails Validate(TranslateText command, TranslationContext context, Guid workshopId) =>
        command.Check() is { IsValid: false } invalid ? invalid.ToProblem()
        : context.Refusal(command.Lang, workshopId, command.Kind, command.SourceId) is var refused && refused != WolverineContinue.NoProblems ? refused
        : context.Source!.Version != command.SourceVersion
            ? Problems.Conflict($"The text is at version {context.Source.Version} now; translate that one.").WithCode("source-changed")
        : WolverineContinue.NoProblems;

    /// <summary>
    /// Record a human translation of a workshop text into one of its session languages (the city's facilitators, coordinators,
    /// admins): phones showing that language switch to it at once.
    /// </summary>
    [WolverinePost("/api/cities/{cityId}/workshops/{workshopId}/translations", OperationId = "TranslateText")]
    [Authorize(Policy = Policies.CityStaff), Tags("Translations")]
    public static Task<TranslationRecorded> Post(TranslateText command, Guid workshopId, TranslationContext context, Actor actor,
        IDocumentSession session, KeyRing ring, DateTimeOffset now, CancellationToken ct) =>
        TranslationContext.RecordAsync(session, ring, context.Source!, command.Lang, TranslationOrigin.Human, null, command.Text, actor,
            workshopId, now, ct);
}
