using EPI.Collab.Api.Features.ReferenceData;
using EPI.Collab.Api.Infrastructure.Contract;
using System.ComponentModel.DataAnnotations;
using EPI.Collab.Api.Features.PersonalData;
using EPI.Collab.Api.Features.Translations.Machine;
using EPI.Collab.Api.Infrastructure;
using EPI.Collab.Api.Infrastructure.Auth;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace EPI.Collab.Api.Features.Translations.Translating;

/// <param name="Kind">What is translated.</param>
/// <param name="SourceId">The workshop (focus question), proposal, comment, round (question) or option id.</param>
/// <param name="Lang">A session language of the workshop (BCP 47).</param>
public sealed record MachineTranslateText(TranslatedKind Kind, Guid SourceId, [property: Language] string Lang)
{
    public static MachineTranslateText Example => new(TranslatedKind.Proposal, new Guid("0196f3a0-7c1e-7a52-9c3b-5d1e2f3a4b5c"), "uk");

    public Validation Check() => new Validation()
        .Require(Enum.IsDefined(Kind), "kind", "Unknown kind.")
        .Require(SourceId != Guid.Empty, "sourceId", "Required.");
}

public static class MachineTranslateTextEndpoint
{
    public static Task<TranslationContext> LoadAsync(MachineTranslateText command, Guid workshopId, IQuerySession session, CancellationToken ct) =>
        TranslationContext.LoadAsync(workshopId, command.Kind, command.SourceId, session, ct);

    public static ProblemDetails Validate(MachineTranslateText command, TranslationContext context, Guid workshopId, MachineTranslation machine) =>
        command.Check() is { IsValid: false } invalid ? invalid.ToProblem()
        : machine.Translator is null
            ? Problems.RuleViolated("Machine translation is off here: the city has configured no translation server (Translation:LibreTranslateUrl).")
                .WithCode("machine-translation-off")
        : context.Refusal(command.Lang, workshopId, command.Kind, command.SourceId);

    /// <summary>
    /// Translate a workshop text with the city's own machine-translation server (staff; off unless configured). Only the text
    /// and the two language tags are sent to it; the translation is recorded as <c>MACHINE</c> with the engine's name.
    /// </summary>
    [WolverinePost("/api/cities/{cityId}/workshops/{workshopId}/translations/machine", OperationId = "MachineTranslateText")]
    [Authorize(Policy = Policies.CityStaff), Tags("Translations")]
    public static async Task<TranslationRecorded> Post(MachineTranslateText command, Guid workshopId, TranslationContext context,
        MachineTranslation machine, Actor actor, IDocumentSession session, KeyRing ring, DateTimeOffset now, CancellationToken ct)
    {
        var source = context.Source!;
        var original = source.Plain;
        if (source.Personal is { } personal)
            original = (await SubjectKeys.LoadAsync(session, ring, [personal.Subject], ct)).GetValueOrDefault(personal.Subject)?.Open(personal.Sealed)
                       ?? throw new SubjectErasedException();
        var translator = machine.Translator!;
        var translated = await translator.TranslateAsync(original!, source.Lang, command.Lang, ct);
        return await TranslationContext.RecordAsync(session, ring, source, command.Lang, TranslationOrigin.Machine, translator.Engine,
            translated[..Math.Min(translated.Length, TranslateText.MaxTextLength)], actor, workshopId, now, ct);
    }
}
