using System.Diagnostics.Metrics;
using System.Threading.Channels;
using EPI.Collab.Api.Infrastructure;
using Marten;

namespace EPI.Collab.Api.Features.Voting.Casting;

/// <summary>
/// Group commit for ballots. Requests wait in a queue; one writer takes everything queued (up to a batch size),
/// writes it in one transaction per city and commits once, then answers every waiting request. A ballot is
/// acknowledged only after its commit. If a batch fails, its ballots are retried one by one, so one bad ballot
/// cannot sink the others. Inside the transaction each round's shared advisory lock is taken before the round is
/// read, so a close (which takes the exclusive lock) never interleaves with a ballot. The ballots' events, snapshots and
/// receipts are written by <see cref="BallotRows"/> as a few multi-row statements, not one Marten operation each.
/// </summary>
public sealed class BallotIntake(IDocumentStore store, TimeProvider clock, ILogger<BallotIntake> logger) : BackgroundService
{
    public const int MaxBatch = 500;
    private static readonly Meter Meter = new("EPI.Collab.Ballots");
    private static readonly Histogram<int> BatchSizes = Meter.CreateHistogram<int>("epi.ballots.batch_size");

    private readonly Channel<Pending> _queue = Channel.CreateBounded<Pending>(
        new BoundedChannelOptions(20_000) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    private sealed record Pending(BallotRequest Request, TaskCompletionSource<BallotOutcome> Done);

    public async Task<BallotOutcome> Submit(BallotRequest request, CancellationToken ct)
    {
        var pending = new Pending(request, new TaskCompletionSource<BallotOutcome>(TaskCreationOptions.RunContinuationsAsynchronously));
        await _queue.Writer.WriteAsync(pending, ct);
        return await pending.Done.Task.WaitAsync(ct);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<Pending>(MaxBatch);
        try
        {
            while (await _queue.Reader.WaitToReadAsync(stoppingToken))
            {
                batch.Clear();
                while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var next)) batch.Add(next);
                BatchSizes.Record(batch.Count);
                foreach (var tenant in batch.GroupBy(p => p.Request.Tenant))
                    await CommitOrSplit(tenant.Key, tenant.ToList(), stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: whatever was not committed is answered "unavailable", never acknowledged, so the
            // phone sends it again (same Idempotency-Key) to another node or after the restart.
            _queue.Writer.TryComplete();
            foreach (var pending in batch.Concat(Drain())) pending.Done.TrySetResult(new BallotOutcome(null, BallotRefusal.Unavailable));
        }
    }

    private IEnumerable<Pending> Drain()
    {
        while (_queue.Reader.TryRead(out var pending)) yield return pending;
    }

    private async Task CommitOrSplit(string tenant, List<Pending> items, CancellationToken ct)
    {
        // Two requests for one ballot stream go to separate transactions, in arrival order.
        var first = items.DistinctBy(p => p.Request.BallotId).ToList();
        try
        {
            var outcomes = await Commit(tenant, first, ct);
            for (var i = 0; i < first.Count; i++) first[i].Done.TrySetResult(outcomes[i]);
        }
        catch (Exception e) when (first.Count > 1 && !ct.IsCancellationRequested)
        {
            logger.LogWarning(e, "A batch of {Count} ballots failed; retrying them one by one", first.Count);
            foreach (var item in first) await CommitOrSplit(tenant, [item], ct);
        }
        catch (Exception) when (ct.IsCancellationRequested)
        {
            foreach (var item in first) item.Done.TrySetResult(new BallotOutcome(null, BallotRefusal.Unavailable));
        }
        catch (Exception e)
        {
            var refusal = ErrorHandling.Classify(e)?.Status == StatusCodes.Status409Conflict ? BallotRefusal.Conflict : (BallotRefusal?)null;
            if (refusal is not null) first[0].Done.TrySetResult(new BallotOutcome(null, refusal));
            else first[0].Done.TrySetException(e);
        }

        var rest = items.Except(first).ToList();
        if (rest.Count > 0) await CommitOrSplit(tenant, rest, ct);
    }

    private async Task<BallotOutcome[]> Commit(string tenant, List<Pending> items, CancellationToken ct)
    {
        // One connection and transaction: the ballots' rows (BallotRows, raw multi-row statements) and the rare writes that
        // go through Marten (an objection's dissent event, a new key) commit together, or not at all.
        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var options = Marten.Services.SessionOptions.ForTransaction(transaction);
        options.TenantId = tenant;
        await using var session = store.LightweightSession(options);
        var roundIds = items.Select(p => p.Request.RoundId).Distinct().Order().ToList();
        foreach (var roundId in roundIds) await AdvisoryLocks.Shared(session, roundId, ct);

        // Rounds, existing ballots, receipts and the phones' voters in one round trip (a batched query) after the locks.
        var batch = session.CreateBatchQuery();
        var loadingRounds = batch.LoadMany<VotingRound>().ById(roundIds.ToArray());
        var loadingBallots = batch.LoadMany<Ballot>().ById(items.Select(p => p.Request.BallotId).ToArray());
        var loadingReceipts = batch.LoadMany<BallotReceipt>().ById(items.Select(p => p.Request.ReceiptId).OfType<Guid>().ToArray());
        var loadingVoters = batch.LoadMany<Participants.Participant>().ById(items.Select(p => p.Request.ParticipantId).OfType<Guid>().Distinct().ToArray());
        await batch.Execute(ct);
        var rounds = (await loadingRounds).ToDictionary(r => r.Id);
        var ballots = (await loadingBallots).ToDictionary(b => b.Id);
        var receipts = (await loadingReceipts).ToDictionary(r => r.Id);
        var voters = (await loadingVoters).ToDictionary(p => p.Id);

        var now = clock.GetUtcNow();
        var rows = BallotRows.For(store, tenant, now);
        var outcomes = new BallotOutcome[items.Count];
        for (var i = 0; i < items.Count; i++)
        {
            var request = items[i].Request;
            if (request.ReceiptId is { } rid && receipts.TryGetValue(rid, out var receipt))
            {
                // IETF Idempotency-Key draft: the same key with another body is an error, never a silent replay.
                outcomes[i] = receipt.BodyHash is null || receipt.BodyHash == request.BodyHash
                    ? new BallotOutcome(receipt.Answer, null, Replayed: true)
                    : new BallotOutcome(null, BallotRefusal.IdempotencyKeyReused);
                continue;
            }

            ballots.TryGetValue(request.BallotId, out var existing);
            var (decided, refusal) = BallotDecision.Decide(rounds.GetValueOrDefault(request.RoundId),
                request.ParticipantId is { } voterId ? voters.GetValueOrDefault(voterId) : null, existing, request, now);
            if (decided is null)
            {
                outcomes[i] = new BallotOutcome(null, refusal);
                continue;
            }

            var version = (existing?.Version ?? 0) + 1;
            rows.Ballot(existing, decided, version);
            if (RoundDissent.Decide(existing, request, now) is { Count: > 0 } dissent)
            {
                session.Events.Append(RoundDissent.StreamId(request.RoundId), dissent);
                if (request.NewKey is { } key) session.Insert(key);
            }

            var accepted = new BallotAccepted(request.BallotId, request.RoundId, version, now);
            if (request.ReceiptId is { } newReceipt)
            {
                var stored = new BallotReceipt(newReceipt, request.RoundId, accepted, request.BodyHash);
                rows.Receipt(stored);
                receipts[newReceipt] = stored;
            }
            outcomes[i] = new BallotOutcome(accepted, null);
        }

        // The ballots first, then an objection's dissent event, in the order they were decided: the log never holds
        // an objection before the ballot that raised it. Marten writes within the transaction and does not commit it.
        await rows.WriteAsync(connection, ct);
        await session.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return outcomes;
    }
}
