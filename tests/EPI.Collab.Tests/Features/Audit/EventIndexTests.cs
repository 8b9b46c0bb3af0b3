using EPI.Collab.Api.Features.Voting;
using EPI.Collab.Tests.Features.Voting;
using Npgsql;

namespace EPI.Collab.Tests.Features.Audit;

public sealed class EventIndexTests(AppFixture app) : IntegrationTest(app)
{
    private async Task<string> Explain(string sql)
    {
        await using var connection = new NpgsqlConnection(App.Database.ConnectionString);
        await connection.OpenAsync();
        // A test log is a few hundred rows, where a sequential scan is cheapest: forbid it to see which index the filter can use.
        await using (var setup = new NpgsqlCommand("analyze epi.mt_events; set enable_seqscan = off", connection)) await setup.ExecuteNonQueryAsync();
        await using var command = new NpgsqlCommand($"explain (costs off) {sql}", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var plan = new List<string>();
        while (await reader.ReadAsync()) plan.Add(reader.GetString(0));
        return string.Join('\n', plan);
    }

    [Fact]
    public async Task the_filters_on_workshop_and_round_ids_inside_event_data_use_the_audit_indexes()
    {
        var room = await VotingRoom.Open(App, new RoundRules(VotingMethod.Approval, ResultsVisibility.Live, true, false));
        await (await room.Phone()).VoteOk(new BallotMark(room.Option(0), 1));
        var city = room.Workshop.CityId;

        var workshop = await Explain($"select seq_id from epi.mt_events where tenant_id = '{city}' and data->>'workshopId' = '{room.Workshop.Id}' " +
                                     "and seq_id > 0 and seq_id <= 1000000 order by seq_id limit 1000");
        var ballots = await Explain($"select stream_id from epi.mt_events where tenant_id = '{city}' and seq_id <= 1000000 " +
                                    $"and type in ('ballot_cast', 'ballot_changed') and data->>'roundId' = '{room.Round.RoundId}' order by seq_id");

        workshop.ShouldContain("mt_events_workshop_id");
        ballots.ShouldContain("mt_events_round_id");
    }
}
