using System.Net;
using EPI.Collab.Api.Features.Audit.GettingCheckpoints;
using EPI.Collab.Api.Features.Audit.Verifying;
using EPI.Collab.Api.Features.Voting;
using EPI.Collab.Tests.Features.Voting;
using EPI.Collab.Tests.Features.Workshops;
using Marten;
using Marten.Events;
using Npgsql;

namespace EPI.Collab.Tests.Features.Audit;

public sealed class ChainTests(AppFixture app) : IntegrationTest(app)
{
    private async Task<ChainVerification> Verify() =>
        await (await (await App.ClientFor("auditor")).GetAsync("/api/audit/chain/verify")).Read<ChainVerification>();

    private async Task<long> Scalar(string sql)
    {
        await using var connection = new NpgsqlConnection(App.Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }

    private async Task LogWithBallots()
    {
        var room = await VotingRoom.Open(App, new RoundRules(VotingMethod.Approval, ResultsVisibility.Live, true, true));
        await (await room.Phone()).VoteOk(new BallotMark(room.Option(0), 1));
        await App.Store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(15));
    }

    [Fact]
    public async Task untouched_log_verifies_up_to_its_head()
    {
        await LogWithBallots();

        var verified = await Verify();

        verified.Verified.ShouldBeTrue();
        verified.Count.ShouldBe(await Scalar("select count(*) from epi.mt_events"));
        verified.Head!.Sequence.ShouldBe(await Scalar("select max(seq_id) from epi.mt_events"));
    }

    [Fact]
    public async Task changing_one_event_row_breaks_the_chain_exactly_there()
    {
        await LogWithBallots();
        var tampered = await Scalar("select seq_id from epi.mt_events order by seq_id offset 5 limit 1");

        await Scalar($"update epi.mt_events set data = jsonb_set(data, '{{tampered}}', 'true') where seq_id = {tampered}");
        var verified = await Verify();

        verified.Verified.ShouldBeFalse();
        verified.FirstBrokenSequence.ShouldBe(tampered);
        verified.EventId.ShouldNotBeNull();
        verified.Reason.ShouldNotBeNullOrEmpty();
    }

    [Fact]
    public async Task deleting_an_event_row_breaks_the_chain_there()
    {
        await LogWithBallots();
        var deleted = await Scalar("select seq_id from epi.mt_events order by seq_id offset 3 limit 1");

        await Scalar($"delete from epi.mt_events where seq_id = {deleted}");

        (await Verify()).FirstBrokenSequence.ShouldBe(deleted);
    }

    [Fact]
    public async Task checkpoints_name_the_head_of_each_day()
    {
        await LogWithBallots();

        var checkpoints = await (await (await App.ClientFor("admin")).GetAsync("/api/audit/chain/checkpoints")).Read<List<ChainCheckpoint>>();

        var head = (await Verify()).Head!;
        checkpoints[^1].ShouldBe(new ChainCheckpoint(DateOnly.FromDateTime(DateTime.UtcNow), head.Sequence, head.Hash));
    }

    [Fact]
    public async Task chain_checks_are_for_admins_and_auditors()
    {
        var facilitator = await App.ClientFor("facilitator.cluj");

        (await facilitator.GetAsync("/api/audit/chain/verify")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await App.Client().GetAsync("/api/audit/chain/checkpoints")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }
}
