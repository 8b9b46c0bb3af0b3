using System.Text.Json;
using EPI.Collab.Api.Features.ReferenceData;
using EPI.Collab.Api.Features.Voting;
using EPI.Collab.Api.Features.Voting.Opening;
using EPI.Collab.Audit;
using EPI.Collab.Tests.Features.Voting;
using EPI.Collab.Tests.Features.Workshops;
using Marten;
using Marten.Events;
using Npgsql;

namespace EPI.Collab.Tests.Features.Audit;

/// <summary>The auditors' CLI run in-process against the test server (real HTTP), with its output captured.</summary>
public sealed class AuditCliTests(AppFixture app) : IntegrationTest(app)
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"epi-cli-{Guid.NewGuid():N}");

    private async Task<(int Exit, string Out, string Err)> Cli(params string[] args)
    {
        var (stdout, stderr) = (new StringWriter(), new StringWriter());
        var exit = await EPI.Collab.Audit.Program.RunAsync(args, stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    private async Task<string[]> Connection(string user = "auditor") => ["--url", App.BaseAddress.ToString(), "--token", await App.TokenFor(user)];

    private async Task<List<long>> Sequences(string sql)
    {
        await using var connection = new NpgsqlConnection(App.Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<long>();
        while (await reader.ReadAsync()) rows.Add(Convert.ToInt64(reader.GetValue(0)));
        return rows;
    }

    private async Task<VotingRoom> ClosedRoundWithBallots()
    {
        var room = await VotingRoom.Open(App, new RoundRules(VotingMethod.Approval, ResultsVisibility.Live, true, false));
        await (await room.Phone()).VoteOk(new BallotMark(room.Option(0), 1), new BallotMark(room.Option(1), 1));
        await (await room.Phone()).VoteOk(new BallotMark(room.Option(1), 1));
        (await room.Close()).EnsureSuccessStatusCode();
        return room;
    }

    [Fact]
    public async Task a_workshop_export_holds_exactly_its_events_and_verifies_line_by_line()
    {
        var room = await ClosedRoundWithBallots();
        await ClosedRoundWithBallots(); // another workshop of the same city
        await App.Store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(15));
        var (city, workshop) = (room.Workshop.CityId, room.Workshop.Id);

        var export = await Cli(["export", .. await Connection(), "--city", city, "--workshop", workshop.ToString(), "--out", _file]);
        var verify = await Cli("verify", _file);

        export.Exit.ShouldBe(0);
        var lines = await File.ReadAllLinesAsync(_file);
        lines.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("sequence").GetInt64()).ShouldBe(await Sequences(
            $"select seq_id from epi.mt_events where tenant_id = '{city}' and data->>'workshopId' = '{workshop}' order by seq_id"));
        lines.Length.ShouldBeGreaterThan(8);
        verify.Exit.ShouldBe(0);
        verify.Out.ShouldContain($"valid: {lines.Length} lines, each line's own hash recomputed");
        verify.Out.ShouldContain("partial export");
        (await ExportVerifier.VerifyFileAsync(_file)).ShouldBe(new VerifyResult(true, lines.Length, Chained: false));

        lines[2] = lines[2].Replace("\"data\":{", "\"data\":{\"tampered\":true,");
        await File.WriteAllLinesAsync(_file, lines);
        var tampered = await Cli("verify", _file);
        tampered.Exit.ShouldBe(1);
        tampered.Out.ShouldStartWith($"invalid at sequence {JsonDocument.Parse(lines[2]).RootElement.GetProperty("sequence").GetInt64()}");
    }

    [Fact]
    public async Task a_workshop_export_needs_an_auditor_of_its_city_and_an_existing_workshop()
    {
        var room = await ClosedRoundWithBallots();
        var url = $"/api/cities/{room.Workshop.CityId}/audit/export/events.jsonl";

        (await (await App.ClientFor("facilitator.cluj")).GetAsync($"{url}?workshopId={room.Workshop.Id}")).StatusCode
            .ShouldBe(System.Net.HttpStatusCode.Forbidden);
        var auditor = await App.ClientFor("auditor");
        (await auditor.GetAsync(url)).StatusCode.ShouldBe(System.Net.HttpStatusCode.BadRequest);
        (await auditor.GetAsync($"{url}?workshopId={Guid.CreateVersion7()}")).StatusCode.ShouldBe(System.Net.HttpStatusCode.NotFound);
        (await Cli(["export", .. await Connection(), "--workshop", room.Workshop.Id.ToString(), "--out", _file])).Exit.ShouldBe(2);
    }

    [Fact]
    public async Task recount_of_a_workshop_reports_every_round_and_writes_the_report()
    {
        var room = await ClosedRoundWithBallots();
        var hidden = (await (await room.Workshop.Post("/rounds", new OpenRound([new LocalizedText("en", "And then?")], room.Proposals,
            new RoundRules(VotingMethod.Approval, ResultsVisibility.HiddenUntilClose, true, false)))).Read<VotingRoom.CreationEnvelope>()).Value;

        var (exit, output, _) = await Cli(["recount", .. await Connection(), "--city", room.Workshop.CityId,
            "--workshop", room.Workshop.Id.ToString(), "--out", _file]);

        exit.ShouldBe(0);
        output.ShouldContain($"| {room.Round.RoundId} | APPROVAL | tally-v1 | 2 ballots: 2, 1, 0 | 2 ballots: 2, 1, 0 | MATCH |");
        output.ShouldContain($"| {hidden.RoundId} | APPROVAL | tally-v1 |  |  | NOT COUNTED (results-hidden) |");
        output.ShouldContain("All 1 recounted rounds MATCH");
        (await File.ReadAllTextAsync(_file)).ShouldBe(output);
    }

    [Fact]
    public async Task recount_of_a_tampered_round_prints_mismatch_and_exits_non_zero()
    {
        var room = await ClosedRoundWithBallots();
        await Sequences($"update epi.mt_doc_ballot set data = jsonb_set(data, '{{marks}}', '[]') where data->>'roundId' = '{room.Round.RoundId}' " +
                        "and jsonb_array_length(data->'marks') = 1 returning 1");

        var (exit, output, error) = await Cli(["recount", .. await Connection(), "--city", room.Workshop.CityId,
            "--round", room.Round.RoundId.ToString()]);

        exit.ShouldBe(1);
        output.ShouldContain($"| {room.Round.RoundId} | APPROVAL | tally-v1 | 2 ballots: 1, 1, 0 | 2 ballots: 2, 1, 0 | MISMATCH |");
        output.ShouldContain("**MISMATCH in 1 of 1 rounds**");
        output.ShouldContain($"- round {room.Round.RoundId}: options[");
        error.ShouldContain("RECOUNT MISMATCH");
    }

    [Fact]
    public async Task live_verify_says_verified_and_then_broken_at_the_changed_row()
    {
        await ClosedRoundWithBallots();
        await App.Store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(15));
        var head = (await Sequences("select max(seq_id) from epi.mt_events")).Single();

        var good = await Cli(["verify", .. await Connection()]);
        var tampered = (await Sequences("select seq_id from epi.mt_events order by seq_id offset 4 limit 1")).Single();
        await Sequences($"update epi.mt_events set data = jsonb_set(data, '{{tampered}}', 'true') where seq_id = {tampered} returning 1");
        var broken = await Cli(["verify", .. await Connection()]);

        good.Exit.ShouldBe(0);
        good.Out.ShouldContain($"head at sequence {head}:");
        broken.Exit.ShouldBe(1);
        broken.Out.ShouldStartWith($"BROKEN at sequence {tampered} ");
        (await Cli(["verify", .. await Connection("facilitator.cluj")])).Exit.ShouldBe(3);
    }
}
