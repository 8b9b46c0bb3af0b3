using EPI.Collab.Api.Features.ReferenceData;
using EPI.Collab.Api.Infrastructure.Contract;
using System.ComponentModel.DataAnnotations;
using EPI.Collab.Api.Features.Voting;
using EPI.Collab.Api.Features.Workshops;
using EPI.Collab.Api.Infrastructure;

namespace EPI.Collab.Api.Features.Translations.Reading;

/// <summary>What the phone showed for one option: the translation (id and number) it displayed, or none when it showed the original.</summary>
public sealed record ReadOption(Guid OptionId, Guid? TranslationId, [property: Range(1, 10_000)] int? TranslationVersion);

/// <summary>
/// Sent with a ballot (optional): the language the phone displayed and, per option, which translation it showed. An auditor
/// can later show exactly the texts this voter read.
/// </summary>
public sealed record BallotReadAs([property: Language] string Lang, [property: Length(0, BallotReadAs.MaxOptions)] IReadOnlyList<ReadOption> Options)
{
    public const int MaxOptions = 100;

    public Validation Check(IReadOnlyList<RoundOption> roundOptions)
    {
        var v = new Validation()
            .Require(ReferenceData.Languages.IsAccepted(Lang), "read.lang", ReferenceData.Languages.AcceptedList, "language-unsupported")
            .Require(Options is { Count: <= MaxOptions }, "read.options", $"Required, at most {MaxOptions} options.");
        foreach (var (option, i) in (Options ?? []).Select((o, i) => (o, i)))
        {
            v.Require(option is not null && roundOptions.Any(o => o.OptionId == option.OptionId), $"read.options[{i}].optionId",
                "Not an option of this round.", "option-unknown");
            v.Require(option is null || (option.TranslationId is null) == (option.TranslationVersion is null), $"read.options[{i}].translationVersion",
                "Give both the translation id and its number, or neither.");
            v.Require(option?.TranslationVersion is null or (>= 1 and <= 10_000), $"read.options[{i}].translationVersion", "Between 1 and 10000.");
        }
        return v;
    }
}

/// <summary>
/// A phone's ballot was cast after it displayed these texts. Recorded right after the ballot commits, next to it (never in
/// it: the count reads only ballots), and never naming the voter: <paramref name="BallotId"/> and <paramref name="BallotVersion"/>
/// point at the ballot event.
/// </summary>
public sealed record BallotRead(Guid BallotId, Guid RoundId, Guid WorkshopId, int BallotVersion, string Lang, IReadOnlyList<ReadOption> Options,
    DateTimeOffset At) : IWorkshopEvent;

/// <summary>The readings of one ballot, one per ballot version (a changed ballot may have been read in another language).</summary>
public sealed record BallotReading(Guid Id, Guid BallotId, Guid WorkshopId, IReadOnlyList<BallotRead> Reads, int Version = 0)
{
    private static readonly Guid Namespace = new("4e6b2f1a-9c3d-4b8e-a7f2-3d5c1e9b0a64");

    public static Guid StreamId(Guid ballotId) => DeterministicGuid.Create(Namespace, ballotId.ToString("N"));

    public static BallotReading Create(BallotRead e) => new(StreamId(e.BallotId), e.BallotId, e.WorkshopId, [e]);

    public BallotReading Apply(BallotRead e) => this with { Reads = [.. Reads, e] };
}
