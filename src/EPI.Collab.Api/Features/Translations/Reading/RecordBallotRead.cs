using EPI.Collab.Api.Features.Voting.Casting;
using Marten;

namespace EPI.Collab.Api.Features.Translations.Reading;

/// <summary>Records what a phone displayed, once its ballot is committed (a replayed request adds nothing).</summary>
public static class RecordBallotRead
{
    public static BallotRead Decide(BallotOutcome outcome, Guid workshopId, BallotReadAs read) =>
        new(outcome.Accepted!.BallotId, outcome.Accepted.RoundId, workshopId, outcome.Accepted.Version, read.Lang, read.Options, outcome.Accepted.At);

    public static async Task AfterAsync(IDocumentStore store, string cityId, Guid workshopId, BallotOutcome outcome, BallotReadAs read,
        CancellationToken ct)
    {
        if (outcome is not { Accepted: not null, Replayed: false }) return;
        await using var session = store.LightweightSession(cityId);
        var e = Decide(outcome, workshopId, read);
        session.Events.Append(BallotReading.StreamId(e.BallotId), e);
        await session.SaveChangesAsync(ct);
    }
}
