using EPI.Collab.Api.Infrastructure.Contract;
using System.ComponentModel.DataAnnotations;
using EPI.Collab.Api.Features.Cities;
using EPI.Collab.Api.Features.Cities.GettingProfiles;
using EPI.Collab.Api.Features.ReferenceData;
using EPI.Collab.Api.Infrastructure;
using EPI.Collab.Api.Infrastructure.Auth;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Marten;

namespace EPI.Collab.Api.Features.Workshops.Scheduling;

/// <summary>Put a workshop on the city's calendar.</summary>
/// <param name="FocusQuestion">The focus question, in one or more of the accepted languages.</param>
/// <param name="Languages">Languages the session runs in: English, the city's official and its community languages.</param>
/// <param name="Agenda">The phases, in order.</param>
public sealed record ScheduleWorkshop(
    WorkshopKind Kind,
    [property: StringLength(ScheduleWorkshop.MaxTitleLength, MinimumLength = 1)] string Title,
    [property: Text(1, ScheduleWorkshop.MaxQuestionLength), Length(1, Languages.MaxVersions)] IReadOnlyList<LocalizedText> FocusQuestion,
    [property: Length(1, 20), UniqueItems, Language] IReadOnlyList<string> Languages,
    DateTimeOffset? StartsAt = null,
    DateTimeOffset? EndsAt = null,
    [property: Length(0, ScheduleWorkshop.MaxPhases)] IReadOnlyList<PlannedPhase>? Agenda = null)
{
    public static ScheduleWorkshop Example => new(WorkshopKind.PolicyDesignRoundTable, "Round table 2: first jobs for newcomers",
        [new("en", "What could the city do in the next 12 months so that newcomers find a first job?"),
         new("ro", "Ce ar putea face orașul în următoarele 12 luni pentru ca nou-veniții să-și găsească un prim loc de muncă?")],
        ["en", "ro"], new DateTimeOffset(2026, 3, 12, 9, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 3, 12, 11, 30, 0, TimeSpan.Zero),
        [new(PhaseType.Welcome, 8), new(PhaseType.Brainstorm, 10, "Ideas"), new(PhaseType.Vote, 10, "Dot voting")]);

    public const int MaxTitleLength = 200;
    public const int MaxQuestionLength = 1000;
    public const int MaxPhases = 40;

    public Validation Check()
    {
        var v = new Validation()
            .Require(!string.IsNullOrWhiteSpace(Title), "title", "A title is required.")
            .Require((Title?.Length ?? 0) <= MaxTitleLength, "title", $"At most {MaxTitleLength} characters.")
            .Require(FocusQuestion is { Count: > 0 }, "focusQuestion", "At least one language version is required.")
            .Require(Languages is { Count: > 0 }, "languages", "At least one session language is required.")
            .Require(StartsAt is null || EndsAt is null || EndsAt > StartsAt, "endsAt", "Must be after startsAt.");
        foreach (var (text, i) in (FocusQuestion ?? []).Select((t, i) => (t, i)))
        {
            v.Require(ReferenceData.Languages.IsAccepted(text?.Lang), $"focusQuestion[{i}].lang", ReferenceData.Languages.AcceptedList);
            v.Require(!string.IsNullOrWhiteSpace(text?.Text) && text.Text.Length <= MaxQuestionLength,
                $"focusQuestion[{i}].text", $"Required, at most {MaxQuestionLength} characters.");
        }
        v.Require((Agenda?.Count ?? 0) <= MaxPhases, "agenda", $"At most {MaxPhases} phases.");
        foreach (var (phase, i) in (Agenda ?? []).Select((p, i) => (p, i)))
        {
            v.Require(phase is not null && Enum.IsDefined(phase.Type), $"agenda[{i}].type", "Unknown phase type.");
            v.Require(phase?.PlannedMinutes is >= 1 and <= 240, $"agenda[{i}].plannedMinutes", "Between 1 and 240.");
            v.Require((phase?.Title?.Length ?? 0) <= MaxTitleLength, $"agenda[{i}].title", $"At most {MaxTitleLength} characters.");
        }
        foreach (var (lang, i) in (Languages ?? []).Select((l, i) => (l, i)))
            v.Require(ReferenceData.Languages.IsAccepted(lang), $"languages[{i}]", ReferenceData.Languages.AcceptedList, "language-unsupported");
        v.Require((Languages?.Count ?? 0) <= MaxLanguages, "languages", $"At most {MaxLanguages} session languages.");
        return v;
    }

    public const int MaxLanguages = 20;

    /// <summary>
    /// The rule a city adds: session languages come from its own list (English, official, community languages), so an
    /// interpreter can be planned for each; any other known tag is refused with a field error.
    /// </summary>
    public Validation CheckFor(CityProfile city)
    {
        var v = Check();
        var allowed = city.SessionLanguages;
        foreach (var (lang, i) in (Languages ?? []).Select((l, i) => (l, i)))
            if (ReferenceData.Languages.IsAccepted(lang))
                v.Require(allowed.Contains(lang), $"languages[{i}]",
                    $"'{lang}' is not a language of {city.Facts.Name}: choose from {string.Join(", ", allowed)}, or add it to the city's community languages.",
                    "language-not-in-city");
        return v;
    }
}

/// <summary>A phase as the facilitator plans it; the phase id is assigned when the workshop is scheduled.</summary>
public sealed record PlannedPhase(PhaseType Type, [property: Range(1, 240)] int PlannedMinutes, [property: StringLength(ScheduleWorkshop.MaxTitleLength)] string? Title = null);

public static class ScheduleWorkshopEndpoint
{
    public static Task<CityProfile?> LoadAsync(string cityId, IQuerySession session, CancellationToken ct) =>
        session.LoadAsync<CityProfile>(CityStream.Id(cityId), ct);

    public static ProblemDetails Validate(ScheduleWorkshop command, CityProfile? city, string cityId) =>
        city is null ? CityProblems.NotFound(cityId)
        : command.CheckFor(city).ToProblem();

    /// <summary>The decision: scheduling a workshop starts its stream with one event.</summary>
    public static WorkshopScheduled Decide(ScheduleWorkshop command, string cityId, Guid workshopId, Actor actor, DateTimeOffset now) =>
        new(workshopId, cityId, command.Kind, command.Title.Trim(), command.FocusQuestion,
            command.Languages.Distinct().ToList(), command.StartsAt, command.EndsAt, actor.Id, actor.Role, now,
            (command.Agenda ?? []).Select((p, i) => new AgendaPhase(PhaseId(workshopId, i), p.Type, p.Title?.Trim(), p.PlannedMinutes))
            .ToList());

    /// <summary>Phase ids derive from the workshop id and the phase's place in the agenda.</summary>
    public static Guid PhaseId(Guid workshopId, int index) => DeterministicGuid.Create(workshopId, $"phase:{index}");

    /// <summary>Schedule a workshop in the city (its coordinator or facilitator, or an admin).</summary>
    [WolverinePost("/api/cities/{cityId}/workshops", OperationId = "ScheduleWorkshop")]
    [Authorize(Policy = Policies.CityStaff), Tags("Workshops")]
    public static (CreationResponse<Guid>, IStartStream) Post(
        ScheduleWorkshop command, string cityId, Actor actor, DateTimeOffset now)
    {
        var scheduled = Decide(command, cityId, Guid.CreateVersion7(now), actor, now);
        return (new CreationResponse<Guid>($"/api/cities/{cityId}/workshops/{scheduled.WorkshopId}", scheduled.WorkshopId),
            MartenOps.StartStream<Workshop>(scheduled.WorkshopId, scheduled));
    }
}
