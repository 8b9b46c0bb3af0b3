using EPI.Collab.Api.Infrastructure.Contract;
using System.ComponentModel.DataAnnotations;
using EPI.Collab.Api.Features.Cities;
using EPI.Collab.Api.Features.ReferenceData;
using EPI.Collab.Api.Features.Strategies;
using EPI.Collab.Api.Infrastructure;

namespace EPI.Collab.Api.Features.Transfer;

public enum TransferActivityKind { NationalConference, ReplicationWorkshop, EuConference, Video, Report, SocialPost, Newsletter }

/// <summary>A published material of an activity (slides, recording, report), by its public address.</summary>
public sealed record Material([property: StringLength(RevisionRules.MaxTitle, MinimumLength = 1)] string Title, [property: StringLength(2000, MinimumLength = 8), Url] string Url);

/// <summary>Staff recorded how the city passed the method on (DOMAIN §5.6). The audience is a count, never a list of people.</summary>
public sealed record TransferActivityRecorded(
    Guid ActivityId, string CityId, TransferActivityKind Kind, DateOnly Date, string Location, int AudienceCount,
    IReadOnlyList<LocalizedText> Title, IReadOnlyList<Material> Materials, Guid By, string ByRole, DateTimeOffset At) : ICityEvent;

/// <summary>Staff corrected an activity (the new values, all of them).</summary>
public sealed record TransferActivityCorrected(
    Guid ActivityId, string CityId, TransferActivityKind Kind, DateOnly Date, string Location, int AudienceCount,
    IReadOnlyList<LocalizedText> Title, IReadOnlyList<Material> Materials, Guid By, string ByRole, DateTimeOffset At) : ICityEvent;

/// <summary>A transfer activity as it is read and as decisions see it. Transfer activities are published material.</summary>
public sealed record TransferActivity(
    Guid Id, string CityId, TransferActivityKind Kind, DateOnly Date, string Location, int AudienceCount,
    IReadOnlyList<LocalizedText> Title, IReadOnlyList<Material> Materials, DateTimeOffset RecordedAt, DateTimeOffset LastChangedAt,
    int Version = 0)
{
    public static TransferActivity Create(TransferActivityRecorded e) =>
        new(e.ActivityId, e.CityId, e.Kind, e.Date, e.Location, e.AudienceCount, e.Title, e.Materials, e.At, e.At);

    public TransferActivity Apply(TransferActivityCorrected e) => this with
    {
        Kind = e.Kind, Date = e.Date, Location = e.Location, AudienceCount = e.AudienceCount, Title = e.Title, Materials = e.Materials,
        LastChangedAt = e.At
    };
}

/// <summary>The fields that recording and correcting share, checked the same way.</summary>
public static class TransferRules
{
    public const int MaxMaterials = 20;
    public const int MaxAudience = 1_000_000;

    public static Validation CheckActivity(this Validation v, TransferActivityKind kind, DateOnly date, string? location, int audienceCount,
        IReadOnlyList<LocalizedText>? title, IReadOnlyList<Material>? materials)
    {
        v.Require(Enum.IsDefined(kind), "kind", "Unknown activity kind.")
            .Require(date.Year is >= 2000 and <= 2100, "date", "A date between 2000 and 2100.")
            .RequireLength(location, "location", 2, RevisionRules.MaxTitle)
            .Require(audienceCount is >= 0 and <= MaxAudience, "audienceCount", $"Between 0 and {MaxAudience}.")
            .RequireTexts(title, "title")
            .Require((materials?.Count ?? 0) <= MaxMaterials, "materials", $"At most {MaxMaterials}.");
        foreach (var (m, i) in (materials ?? []).Select((m, i) => (m, i)))
            v.RequireLength(m?.Title, $"materials[{i}].title", 1, RevisionRules.MaxTitle)
                .Require(Uri.TryCreate(m?.Url, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http", $"materials[{i}].url",
                    "An absolute http(s) address.");
        return v;
    }

    public static IReadOnlyList<LocalizedText> Trimmed(IReadOnlyList<LocalizedText> texts) => [.. texts.Select(t => t.Trimmed())];

    public static IReadOnlyList<Material> Trimmed(IReadOnlyList<Material>? materials) =>
        [.. (materials ?? []).Select(m => new Material(m.Title.Trim(), m.Url.Trim()))];

    public static Microsoft.AspNetCore.Mvc.ProblemDetails NotFound(Guid activityId) =>
        Problems.NotFound($"There is no transfer activity {activityId} in this city.");
}
