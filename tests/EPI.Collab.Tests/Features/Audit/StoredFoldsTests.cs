using EPI.Collab.Api.Features.Audit.TimeTravel;
using EPI.Collab.Api.Features.Live;
using EPI.Collab.Api.Features.Participants;
using EPI.Collab.Api.Features.Participants.Removing;
using System.Net.Http.Json;
using EPI.Collab.Api.Features.Voting;
using EPI.Collab.Api.Features.Voting.Counting;
using EPI.Collab.Tests.Features.Voting;
using EPI.Collab.Tests.Features.Workshops;
using Marten;

namespace EPI.Collab.Tests.Features.Audit;

/// <summary>A host of its own that stores a workshop's board every 5 log sequences and a round's ballots every 4.</summary>
public sealed class StoredFoldsFixture : AppFixture
{
    public const int BoardEvery = 5, BallotsEvery = 4;

    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["RateLimits:Enabled"] = "false",
        ["TimeTravel:BoardStoredStateEvery"] = $"{BoardEvery}",
        ["TimeTravel:BallotsStoredStateEvery"] = $"{BallotsEvery}"
    };
}

/// <summary>
/// The as-of board of a workshop and the as-of results of a round start from stored states keyed by the log's sequence
/// (issue #15, S5): at every sequence (before the first stored state, at one, between two) they answer what the fold from
/// the start answers, through HTTP.
/// </summary>
public sealed class StoredFoldsTests(StoredFoldsFixture app) : IClassFixture<StoredFoldsFixture>
{
    private const string City = "cluj-napoca";
    private static BallotMark M(Guid option) => new(option, 1);
    private static string Comparable(WorkshopBoard board) => AuditScenarios.Canonical(board with { Position = 0 });

    [Fact]
    public async Task the_as_of_board_and_results_from_stored_states_equal_the_fold_from_the_start_at_every_sequence()
    {
        var (beforeWorkshop, _) = await app.LogHead();
        var room = await VotingRoom.Open(app, new RoundRules(VotingMethod.Approval, ResultsVisibility.Live, true, false));
        var (roundOpened, _) = await app.LogHead();
        var phones = new List<Phone>();
        for (var i = 0; i < 8; i++)
        {
            phones.Add(await room.Phone(i % 2 == 0 ? StakeholderGroup.Resident : StakeholderGroup.MigrantLedOrganisation));
            await phones[^1].VoteOk(M(room.Option(i % 3)));
        }
        // A burst: ballots committed together reach the daemon in one page, which stores a state every K of them.
        var burst = new List<Phone>();
        for (var i = 0; i < 12; i++) burst.Add(await room.Phone(i % 2 == 0 ? StakeholderGroup.Resident : StakeholderGroup.Business));
        var (beforeBurst, _) = await app.LogHead();
        await Task.WhenAll(burst.Select((phone, i) => phone.VoteOk(M(room.Option(i % 3)))));
        var (afterBurst, _) = await app.LogHead();
        var leaving = await room.Workshop.JoinPhone(StakeholderGroup.Resident);
        await new Phone(room, app.Client(leaving.AccessToken)).VoteOk(M(room.Option(1)));
        foreach (var (phone, i) in phones.Take(4).Select((p, i) => (p, i))) await phone.VoteOk(M(room.Option(i % 2)), M(room.Option(2)));
        // Removed while the round is open: the ballot is voided (the sums then drop it).
        (await room.Workshop.Staff.PostAsJsonAsync($"{room.Workshop.Url}/participants/{leaving.ParticipantId}/remove",
            new RemoveParticipant(1, RemovalReason.DuplicateDevice), Json.Options)).StatusCode.ShouldBe(System.Net.HttpStatusCode.OK);
        var live = await room.Workshop.Board();
        var liveResults = await room.ResultsOk();
        var (head, _) = await app.LogHead();
        await app.RelaySettled(); // every projection (the stored states' too) has caught up

        // The daemon stored boards and tally sums along the way, at least K sequences apart.
        long[] boards, ballots;
        await using (var query = app.Store.QuerySession(City))
        {
            boards = [.. (await query.Query<BoardStoredState>().Where(x => x.WorkshopId == room.Workshop.Id).ToListAsync()).Select(x => x.Sequence).Order()];
            ballots = [.. (await query.Query<TallyStoredState>().Where(x => x.RoundId == room.Round.RoundId).ToListAsync()).Select(x => x.Sequence).Order()];
        }
        boards.Length.ShouldBeGreaterThanOrEqualTo(3);
        ballots.Length.ShouldBeGreaterThanOrEqualTo(3);
        boards.Zip(boards.Skip(1)).ShouldAllBe(p => p.Second - p.First >= StoredFoldsFixture.BoardEvery);
        ballots.Zip(ballots.Skip(1)).ShouldAllBe(p => p.Second - p.First >= StoredFoldsFixture.BallotsEvery);
        ballots.Count(s => s > beforeBurst && s <= afterBurst).ShouldBeGreaterThanOrEqualTo(2);
        // Every sequence of the workshop is read below: before the first stored state, at stored states, between two of them.
        var sequences = Enumerable.Range((int)beforeWorkshop + 1, (int)(head - beforeWorkshop)).Select(s => (long)s).ToArray();
        boards[0].ShouldBeGreaterThan(sequences[0]);
        ballots[0].ShouldBeGreaterThan(roundOpened);
        (boards[1] - boards[0]).ShouldBeGreaterThan(1);
        (ballots[1] - ballots[0]).ShouldBeGreaterThan(1);

        var staff = room.Workshop.Staff;
        var boardUrl = $"/api/cities/{City}/audit/workshops/{room.Workshop.Id}/board";
        var resultsUrl = $"/api/cities/{City}/audit/rounds/{room.Round.RoundId}/results";
        async Task<Dictionary<long, (string Board, string Results)>> ReadAll()
        {
            var read = new Dictionary<long, (string, string)>();
            foreach (var s in sequences)
                read[s] = (Comparable((await (await staff.GetAsync($"{boardUrl}?sequence={s}")).Read<AsOf<WorkshopBoard>>()).State),
                    s < roundOpened ? "" // no round yet
                        : AuditScenarios.Canonical((await (await staff.GetAsync($"{resultsUrl}?sequence={s}")).Read<AsOf<RoundResults>>()).State));
            return read;
        }
        var fromStoredStates = await ReadAll();

        // Without stored states every read folds from the start of the log.
        await using (var session = app.Store.LightweightSession(City))
        {
            session.DeleteWhere<BoardStoredState>(x => x.WorkshopId == room.Workshop.Id);
            session.DeleteWhere<TallyStoredState>(x => x.RoundId == room.Round.RoundId);
            await session.SaveChangesAsync();
        }
        var fromTheStart = await ReadAll();

        foreach (var s in sequences) (s, fromStoredStates[s]).ShouldBe((s, fromTheStart[s]));
        fromStoredStates[head].Board.ShouldBe(Comparable(live));
        fromStoredStates[head].Results.ShouldBe(AuditScenarios.Canonical(liveResults));
        fromStoredStates.Values.Select(x => x.Results).Distinct().Count().ShouldBeGreaterThan(8); // the results changed along the way
        JsonTotal(fromStoredStates[head].Results).ShouldBe(20); // 21 cast, one voided
    }

    /// <summary>An event only this test appends: it names a workshop and changes nothing on its board.</summary>
    public sealed record BacklogProbe(Guid WorkshopId, int N);

    [Fact]
    public async Task a_backlog_longer_than_a_chunk_is_chained_and_its_states_stored_in_transactions_of_their_own()
    {
        var room = await VotingRoom.Open(app, new RoundRules(VotingMethod.Approval, ResultsVisibility.Live, true, false));
        await app.RelaySettled();
        var live = await room.Workshop.Board();
        var (before, _) = await app.LogHead();
        // One transaction of 2.5 chunks: the daemon hands the chain keeper and the stored folds its whole range at once.
        const int backlog = 2 * Api.Features.Audit.Chain.PageSize + 500;
        await using (var session = app.Store.LightweightSession(City))
        {
            session.Events.Append(Guid.NewGuid(), Enumerable.Range(0, backlog).Select(n => (object)new BacklogProbe(room.Workshop.Id, n)));
            await session.SaveChangesAsync();
        }
        var (head, _) = await app.LogHead();
        (head - before).ShouldBe(backlog);
        await app.RelaySettled();

        var verified = await (await (await app.ClientFor("auditor")).GetAsync("/api/audit/chain/verify"))
            .Read<Api.Features.Audit.Verifying.ChainVerification>();
        verified.Verified.ShouldBeTrue();
        verified.Head!.Sequence.ShouldBe(head);
        long[] boards;
        await using (var query = app.Store.QuerySession(City))
            boards = [.. (await query.Query<BoardStoredState>().Where(x => x.WorkshopId == room.Workshop.Id && x.Sequence > before).ToListAsync())
                .Select(x => x.Sequence).Order()];
        boards.Length.ShouldBeGreaterThanOrEqualTo(backlog / StoredFoldsFixture.BoardEvery - 1); // across every chunk
        boards.Zip(boards.Skip(1)).ShouldAllBe(p => p.Second - p.First == StoredFoldsFixture.BoardEvery);
        boards[^1].ShouldBeGreaterThan(head - StoredFoldsFixture.BoardEvery);
        // Not one transaction: the links and the states of the backlog were committed in several.
        (await Transactions($"select count(distinct xmin::text) from epi.mt_doc_chainlink where id > {before}")).ShouldBeGreaterThanOrEqualTo(3);
        (await Transactions($"select count(distinct xmin::text) from epi.mt_doc_boardstoredstate where (data->>'sequence')::bigint > {before}"))
            .ShouldBeGreaterThanOrEqualTo(3);
        // The stored state at the head is the board as it was (the probes change nothing), and so is the as-of read.
        var atHead = await (await room.Workshop.Staff.GetAsync($"/api/cities/{City}/audit/workshops/{room.Workshop.Id}/board?sequence={head}"))
            .Read<AsOf<WorkshopBoard>>();
        Comparable(atHead.State).ShouldBe(Comparable(live));
    }

    [Fact]
    public async Task an_event_whose_type_name_this_process_never_registered_is_folded_by_its_stored_dotnet_type()
    {
        // After a restart Marten knows an event type only once it appended or read one; the row still names its .NET
        // type. A copy of a join under a type name nothing registered stands for such a row.
        var room = await VotingRoom.Open(app, new RoundRules(VotingMethod.Approval, ResultsVisibility.Live, true, false));
        await room.Workshop.JoinPhone(StakeholderGroup.Resident);
        await app.RelaySettled();
        var before = await room.Workshop.Board();
        (await Transactions($"""
            with joined as (select pg_notify('mt_events_appended', ''), * from epi.mt_events where type = 'participant_joined'
                and data->>'workshopId' = '{room.Workshop.Id}' order by seq_id desc limit 1)
            insert into epi.mt_events (seq_id, id, stream_id, version, data, type, tenant_id, timestamp, mt_dotnet_type, is_archived)
            select nextval('epi.mt_events_sequence'), gen_random_uuid(), stream_id, version + 1, data, 'participant_joined_unregistered',
                tenant_id, now(), mt_dotnet_type, false from joined returning 1
            """)).ShouldBe(1);
        var (head, _) = await app.LogHead();
        await app.RelaySettled();

        var live = await room.Workshop.Board();
        live.ParticipantCount.ShouldBe(before.ParticipantCount + 1); // the relay (Marten's loader) read it by its .NET type
        var asOf = await (await room.Workshop.Staff.GetAsync($"/api/cities/{City}/audit/workshops/{room.Workshop.Id}/board?sequence={head}"))
            .Read<AsOf<WorkshopBoard>>();
        Comparable(asOf.State).ShouldBe(Comparable(live));
    }

    private async Task<long> Transactions(string sql)
    {
        await using var connection = new Npgsql.NpgsqlConnection(app.Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }

    private static int JsonTotal(string results) =>
        System.Text.Json.JsonDocument.Parse(results).RootElement.GetProperty("ballots").GetProperty("total").GetInt32();
}
