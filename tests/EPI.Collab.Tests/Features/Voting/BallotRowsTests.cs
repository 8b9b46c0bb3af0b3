using System.Text.Json.Nodes;
using EPI.Collab.Api.Features.Participants;
using EPI.Collab.Api.Features.Voting;
using EPI.Collab.Api.Features.Voting.Casting;
using Marten;
using EPI.Collab.Tests.Features.Workshops;
using Npgsql;

namespace EPI.Collab.Tests.Features.Voting;

/// <summary>
/// The group commit writes ballot rows itself (<see cref="BallotRows"/>, issue #15). They must be the rows Marten writes
/// (its event append, its <see cref="Ballot"/> inline snapshot, its document insert), or rebuilds, time travel, the daemon
/// and every read would see something else; and the invariants must still be PostgreSQL's.
/// </summary>
public class BallotRowsTests(AppFixture app) : IntegrationTest(app)
{
    private static readonly RoundRules Changeable = new(VotingMethod.Approval, ResultsVisibility.Live, true, false);

    [Fact]
    public async Task a_cast_a_change_and_a_receipt_are_written_as_marten_writes_them()
    {
        var room = await VotingRoom.Open(App, Changeable);
        var phone = await room.Phone(StakeholderGroup.Business);
        (await phone.Vote("first", new BallotMark(room.Option(0), 1))).EnsureSuccessStatusCode();
        var changed = await (await phone.Vote("second", new BallotMark(room.Option(1), 1), new BallotMark(room.Option(2), 1)))
            .EnsureSuccessStatusCode().Read<BallotAccepted>();
        var tenant = room.Workshop.CityId;

        // Marten writes the same events to a twin stream, the same receipt under another id.
        var twin = Guid.NewGuid();
        await using (var session = App.Store.LightweightSession(tenant))
        {
            var events = await session.Events.FetchStreamAsync(changed.BallotId);
            var cast = (BallotCast)events[0].Data;
            var change = (BallotChanged)events[1].Data;
            session.Events.StartStream<Ballot>(twin, cast with { BallotId = twin });
            session.Events.Append(twin, change with { BallotId = twin });
            var receipt = (await session.Query<BallotReceipt>().Where(r => r.RoundId == room.Round.RoundId).ToListAsync())
                .Single(r => r.Answer.Version == 2);
            session.Insert(receipt with { Id = twin, Answer = receipt.Answer with { BallotId = twin } });
            await session.SaveChangesAsync();
        }

        var ours = await Rows(tenant, changed.BallotId);
        var marten = await Rows(tenant, twin);
        ours.ShouldBe(marten);
        ours.ShouldContain("\"version\":2", Case.Sensitive); // the snapshot is the changed ballot, at its stream's version
    }

    [Fact]
    public async Task a_second_start_of_one_ballot_stream_fails_its_transaction()
    {
        var room = await VotingRoom.Open(App, Changeable);
        var ballotId = Guid.NewGuid();
        var cast = Cast(room, ballotId);

        await Write(room.Workshop.CityId, rows => rows.Ballot(null, cast, 1));
        var again = await Should.ThrowAsync<PostgresException>(() => Write(room.Workshop.CityId, rows => rows.Ballot(null, cast, 1)));

        again.SqlState.ShouldBe(PostgresErrorCodes.UniqueViolation);
        await using var session = App.Store.QuerySession(room.Workshop.CityId);
        (await session.Events.FetchStreamAsync(ballotId)).Count.ShouldBe(1);
    }

    [Fact]
    public async Task a_change_from_a_version_the_stream_has_left_fails_and_writes_nothing()
    {
        var room = await VotingRoom.Open(App, Changeable);
        var ballotId = Guid.NewGuid();
        var cast = Cast(room, ballotId);
        await Write(room.Workshop.CityId, rows => rows.Ballot(null, cast, 1));
        var first = Ballot.Create(cast) with { Version = 1 };
        var change = new BallotChanged(ballotId, room.Round.RoundId, room.Workshop.Id, [new BallotMark(room.Option(1), 1)], DateTimeOffset.UtcNow);
        await Write(room.Workshop.CityId, rows => rows.Ballot(first, change, 2));

        // Read at version 1, while the stream is at 2: the snapshot, the stream and the events stay as they were.
        var stale = await Should.ThrowAsync<PostgresException>(() => Write(room.Workshop.CityId, rows => rows.Ballot(first, change with { Marks = [] }, 2)));

        stale.SqlState.ShouldBe(PostgresErrorCodes.UniqueViolation);
        await using var session = App.Store.QuerySession(room.Workshop.CityId);
        (await session.Events.FetchStreamAsync(ballotId)).Count.ShouldBe(2);
        var stored = await session.LoadAsync<Ballot>(ballotId);
        stored!.Version.ShouldBe(2);
        stored.Marks.Single().OptionId.ShouldBe(room.Option(1));
    }

    [Fact]
    public async Task an_objection_follows_the_ballot_that_raised_it_in_the_log()
    {
        var room = await VotingRoom.Open(App, new RoundRules(VotingMethod.Consent, ResultsVisibility.Live, true, false));
        var accepted = await (await room.Phone()).VoteOk(new BallotMark(room.Option(0), -1, Reason: "Not for night-shift workers"));

        await using var session = App.Store.QuerySession(room.Workshop.CityId);
        var cast = (await session.Events.FetchStreamAsync(accepted.BallotId)).Single();
        var objection = (await session.Events.FetchStreamAsync(RoundDissent.StreamId(room.Round.RoundId))).Single(e => e.Data is ObjectionRaised);
        objection.Sequence.ShouldBeGreaterThan(cast.Sequence);
    }

    private static BallotCast Cast(VotingRoom room, Guid ballotId) =>
        new(ballotId, room.Round.RoundId, room.Workshop.Id, [new BallotMark(room.Option(0), 1)], StakeholderGroup.Resident,
            BallotChannel.Phone, null, null, DateTimeOffset.UtcNow);

    private async Task Write(string tenant, Action<BallotRows> add)
    {
        var rows = BallotRows.For(App.Store, tenant, DateTimeOffset.UtcNow);
        add(rows);
        await using var connection = App.Store.Storage.Database.CreateConnection();
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await rows.WriteAsync(connection, CancellationToken.None);
        await transaction.CommitAsync();
    }

    /// <summary>
    /// Every row one ballot stream has (stream, events, snapshot, receipt), with what differs between two streams by
    /// construction taken out: ids, sequences, times and the receipt's random revision.
    /// </summary>
    private async Task<string> Rows(string tenant, Guid ballotId)
    {
        await using var session = App.Store.QuerySession(tenant);
        var sql = """
            select jsonb_build_object(
              'stream', (select to_jsonb(s) - 'id' - 'timestamp' - 'created' from epi.mt_streams s where s.tenant_id = ? and s.id = ?),
              'events', (select jsonb_agg((to_jsonb(e) - 'seq_id' - 'id' - 'stream_id' - 'timestamp') || jsonb_build_object('data', e.data - 'ballotId')
                           order by e.version) from epi.mt_events e where e.tenant_id = ? and e.stream_id = ?),
              'ballot', (select (to_jsonb(b) - 'id' - 'mt_last_modified') || jsonb_build_object('data', b.data - 'id') from epi.mt_doc_ballot b
                           where b.tenant_id = ? and b.id = ?),
              'receipt', (select (to_jsonb(r) - 'id' - 'mt_last_modified' - 'mt_version')
                             || jsonb_build_object('data', (r.data - 'id') || jsonb_build_object('answer', (r.data -> 'answer') - 'ballotId'))
                           from epi.mt_doc_ballotreceipt r where r.tenant_id = ? and r.data -> 'answer' ->> 'version' = '2'
                           and r.data -> 'answer' ->> 'ballotId' = ?))::text
            """;
        var text = (await session.AdvancedSql.QueryAsync<string>(sql, CancellationToken.None, tenant, ballotId, tenant, ballotId, tenant, ballotId,
            tenant, ballotId.ToString())).Single();
        var rows = JsonNode.Parse(text)!.AsObject();
        foreach (var part in new[] { "stream", "events", "ballot", "receipt" }) rows[part].ShouldNotBeNull(part);
        return rows.ToJsonString();
    }
}
