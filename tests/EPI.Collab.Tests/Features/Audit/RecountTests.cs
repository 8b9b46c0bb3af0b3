using System.Net;
using EPI.Collab.Api.Features.Audit.Recounting;
using EPI.Collab.Api.Features.Voting;
using EPI.Collab.Api.Features.Voting.Counting;
using EPI.Collab.Tests.Features.Voting;
using EPI.Collab.Tests.Features.Workshops;
using Npgsql;

namespace EPI.Collab.Tests.Features.Audit;

public class RecountTests(AppFixture app) : IntegrationTest(app)
{
    private static RoundRules Rules(VotingMethod method) => new(method, ResultsVisibility.Live, true, false, DotBudget: 5, MaxDotsPerOption: 3);

    private static BallotMark M(Guid option, int value, int? second = null, string? reason = null) => new(option, value, second, reason);

    private static BallotMark[][] Ballots(VotingMethod method, Guid a, Guid b, Guid c) => method switch
    {
        VotingMethod.Approval => [[M(a, 1), M(b, 1)], [M(b, 1)], [M(c, 1)]],
        VotingMethod.Dot => [[M(a, 3), M(b, 2)], [M(c, 1)], [M(b, 3)]],
        VotingMethod.Ranked => [[M(a, 1), M(b, 2), M(c, 3)], [M(c, 1), M(a, 2)], [M(a, 1), M(c, 2)]],
        VotingMethod.Score => [[M(a, 2), M(b, 5)], [M(a, 4), M(b, 4)], [M(c, 3)]],
        VotingMethod.ImpactFeasibility => [[M(a, 5, 5), M(b, 1, 2)], [M(a, 3, 4), M(b, 2, 1)]],
        _ => [[M(a, 1), M(b, -1, reason: "National competence")], [M(a, 1), M(b, 1)], [M(a, 0), M(c, 1)]]
    };

    private static async Task<Recount> Recount(VotingRoom room) =>
        await (await (await room.Auditor()).GetAsync($"{room.AuditUrl()}/rounds/{room.Round.RoundId}/recount")).Read<Recount>();

    [Theory]
    [InlineData(VotingMethod.Approval)]
    [InlineData(VotingMethod.Dot)]
    [InlineData(VotingMethod.Ranked)]
    [InlineData(VotingMethod.Score)]
    [InlineData(VotingMethod.ImpactFeasibility)]
    [InlineData(VotingMethod.Consent)]
    public async Task a_recount_from_the_events_equals_the_recorded_results(VotingMethod method)
    {
        var room = await VotingRoom.Open(App, Rules(method));
        var ballots = Ballots(method, room.Option(0), room.Option(1), room.Option(2));
        var changer = await room.Phone();
        await changer.VoteOk(ballots[^1]);
        foreach (var marks in ballots) await (await room.Phone()).VoteOk(marks);
        await changer.VoteOk(ballots[0]);
        (await room.Close()).EnsureSuccessStatusCode();

        var recount = await Recount(room);

        recount.Differences.ShouldBeEmpty();
        recount.Matches.ShouldBeTrue();
        recount.Recounted.Ballots.Total.ShouldBe(ballots.Length + 1);
        // The served JSON as is: the typed client reads decimals as the document types them (double), which drops their scale.
        AuditScenarios.Canonical(recount.Recorded).ShouldBe(AuditScenarios.Canonical(await (await room.Results()).Read<RoundResults>()));
    }

    [Fact]
    public async Task a_ballot_document_changed_in_the_database_makes_the_recount_report_a_mismatch()
    {
        var room = await VotingRoom.Open(App, Rules(VotingMethod.Approval));
        var tampered = await (await room.Phone()).VoteOk(M(room.Option(0), 1));
        await (await room.Phone()).VoteOk(M(room.Option(1), 1));
        (await room.Close()).EnsureSuccessStatusCode();

        await using (var connection = new NpgsqlConnection(App.Database.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(
                "update epi.mt_doc_ballot set data = jsonb_set(data, '{marks,0,optionId}', to_jsonb(@option::text)) where id = @id", connection);
            command.Parameters.AddWithValue("option", room.Option(1).ToString());
            command.Parameters.AddWithValue("id", tampered.BallotId);
            (await command.ExecuteNonQueryAsync()).ShouldBe(1);
        }

        var recount = await Recount(room);

        recount.Matches.ShouldBeFalse();
        recount.Differences.ShouldNotBeEmpty();
        recount.Recounted.Options.Single(o => o.OptionId == room.Option(0)).Score.ShouldBe(1m);
        recount.Recorded.Options.Single(o => o.OptionId == room.Option(0)).Score.ShouldBe(0m);
    }

    [Fact]
    public async Task a_round_pinned_to_an_unknown_algorithm_is_refused()
    {
        var room = await VotingRoom.Open(App, Rules(VotingMethod.Approval));
        (await room.Close()).EnsureSuccessStatusCode();
        await using (var connection = new NpgsqlConnection(App.Database.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(
                "update epi.mt_doc_votinground set data = jsonb_set(data, '{algorithmVersion}', '\"tally-v0\"') where id = @id", connection);
            command.Parameters.AddWithValue("id", room.Round.RoundId);
            (await command.ExecuteNonQueryAsync()).ShouldBe(1);
        }

        var response = await (await room.Auditor()).GetAsync($"{room.AuditUrl()}/rounds/{room.Round.RoundId}/recount");

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
    }
}
