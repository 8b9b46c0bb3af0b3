using EPI.Collab.Api.Features.Voting;
using EPI.Collab.Load;
using Marten;

namespace EPI.Collab.Tests.Load;

/// <summary>
/// A daemon rebuild of the Ballot projection (deferred writes, one per ballot per flush window; events read through
/// StoredJson) gives every ballot exactly the state the inline projection wrote, also for streams that span pages.
/// </summary>
[Trait(Lane.Name, Lane.Integration)]
public sealed class BallotRebuildTests
{
    [Fact]
    public async Task rebuild_gives_the_same_ballots_as_the_inline_projection()
    {
        var server = Environment.GetEnvironmentVariable("ConnectionStrings__Marten")!;
        var database = $"epi_test_rebuild_{Guid.NewGuid():N}";
        try
        {
            using var store = await ReplayStore.Create(server, database, fresh: true, CancellationToken.None);
            var roundId = Guid.CreateVersion7();
            var workshopId = Guid.CreateVersion7();
            var ids = Enumerable.Range(0, 4).Select(_ => Guid.CreateVersion7()).ToArray();
            await using (var session = store.LightweightSession(ReplayStore.Tenant))
            {
                // 300 events per stream: with the daemon's 500-event pages, streams 2 and 4 start on one page and end on the next.
                foreach (var (id, n) in ids.Select((id, n) => (id, n)))
                    session.Events.StartStream<Ballot>(id, ReplayStore.BallotStream(id, roundId, workshopId, 0, 298 + n));
                await session.SaveChangesAsync();
            }
            var inline = await Ballots(store, ids);
            inline.Count.ShouldBe(4);

            using (var daemon = await store.BuildProjectionDaemonAsync())
                await daemon.RebuildProjectionAsync<Ballot>(TimeSpan.FromMinutes(2), CancellationToken.None);

            var rebuilt = await Ballots(store, ids);
            rebuilt.Count.ShouldBe(4);
            foreach (var id in ids)
            {
                rebuilt[id].Version.ShouldBe(inline[id].Version);
                rebuilt[id].Marks.ShouldBe(inline[id].Marks);
                rebuilt[id].ShouldBe(inline[id] with { Marks = rebuilt[id].Marks });
            }
            inline.Values.Select(b => b.Version).ShouldBe([299, 300, 301, 302], ignoreOrder: true);
        }
        finally
        {
            await ReplayStore.Drop(server, database);
        }
    }

    private static async Task<Dictionary<Guid, Ballot>> Ballots(DocumentStore store, Guid[] ids)
    {
        await using var query = store.QuerySession(ReplayStore.Tenant);
        return (await query.LoadManyAsync<Ballot>(ids)).ToDictionary(b => b.Id);
    }
}
