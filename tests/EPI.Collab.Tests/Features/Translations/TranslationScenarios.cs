using System.Net.Http.Json;
using System.Threading.Channels;
using EPI.Collab.Api.Features.Participants;
using EPI.Collab.Api.Features.Participants.Joining;
using EPI.Collab.Api.Features.ReferenceData;
using EPI.Collab.Api.Features.Translations;
using EPI.Collab.Api.Features.Translations.Translating;
using EPI.Collab.Api.Features.Voting;
using EPI.Collab.Api.Features.Voting.Opening;
using EPI.Collab.Api.Features.Live;
using EPI.Collab.Tests.Features.Voting;
using EPI.Collab.Tests.Features.Workshops;
using Microsoft.AspNetCore.SignalR.Client;
using Npgsql;

namespace EPI.Collab.Tests.Features.Translations;

/// <summary>
/// A Cluj-Napoca round table in Romanian with Arabic as a session language: an Arabic-speaking phone, proposals in Romanian
/// (one written by a participant, so its translations are that participant's personal data), and an open approval round.
/// </summary>
public sealed record MultilingualRoom(LiveWorkshop Workshop, Joined Arabic, HttpClient ArabicPhone, Joined Author, HttpClient AuthorPhone,
    IReadOnlyList<Guid> Proposals, RoundCreated Round)
{
    public const string Question = "Ce ar putea face orașul pentru ca nou-veniții să-și găsească un prim loc de muncă?";

    public string RoundUrl => $"{Workshop.Url}/rounds/{Round.RoundId}";

    public static async Task<MultilingualRoom> Open(AppFixture app, string authorIdea = "Cursuri de limbă seara, lângă piață")
    {
        var staff = await app.ClientFor("facilitator.cluj");
        var id = await staff.ScheduleOk("cluj-napoca", Scenarios.RoundTableWithAgenda() with
        {
            FocusQuestion = [new LocalizedText("ro", Question)], Languages = ["ro", "ar", "en"]
        });
        var opened = await staff.Open("cluj-napoca", id);
        var workshop = new LiveWorkshop(app, staff, "cluj-napoca", id, opened.JoinCode, opened.Version);
        var author = await (await app.Client().Join(workshop.CityId, id, new JoinWorkshop(opened.JoinCode, StakeholderGroup.Resident, "ro")))
            .Read<Joined>();
        var authorPhone = app.Client(author.AccessToken);
        var proposals = new List<Guid>
        {
            (await (await authorPhone.PostAsJsonAsync($"{workshop.Url}/proposals", new { text = new LocalizedText("ro", authorIdea) }, Json.Options))
                .Read<Scenarios.Created>()).Value,
            (await (await staff.PostAsJsonAsync($"{workshop.Url}/proposals", new { text = new LocalizedText("ro", "Mentorat cu angajatori locali") },
                Json.Options)).Read<Scenarios.Created>()).Value
        };
        var arabic = await (await app.Client().Join(workshop.CityId, id,
            new JoinWorkshop(opened.JoinCode, StakeholderGroup.MigrantLedOrganisation, "ar"))).Read<Joined>();
        var round = await (await workshop.Post("/rounds", new OpenRound([new LocalizedText("ro", "Ce facem întâi?")], proposals,
            new RoundRules(VotingMethod.Approval, ResultsVisibility.Live, false, false)))).Read<VotingRoom.CreationEnvelope>();
        // Staff texts are translated from the board the interpreter sees: let the relay put the round on it first.
        await app.RelaySettled();
        return new MultilingualRoom(workshop, arabic, app.Client(arabic.AccessToken), author, authorPhone, proposals, round.Value);
    }

    public Task<HttpResponseMessage> Translate(TranslateText command, HttpClient? client = null) =>
        (client ?? Workshop.Staff).PostAsJsonAsync($"{Workshop.Url}/translations", command, Json.Options);

    public async Task<TranslationRecorded> TranslateOk(TranslatedKind kind, Guid sourceId, string text, int sourceVersion = 1, string lang = "ar") =>
        await (await Translate(new TranslateText(kind, sourceId, sourceVersion, lang, text))).Read<TranslationRecorded>();

    public async Task<EPI.Collab.Api.Features.Live.WorkshopBoard> PhoneBoard()
    {
        await Workshop.App.RelaySettled();
        return await (await ArabicPhone.GetAsync($"{Workshop.Url}/board")).Read<EPI.Collab.Api.Features.Live.WorkshopBoard>();
    }
}

/// <summary>A real SignalR client in a workshop's group, collecting pushed messages.</summary>
public sealed class WorkshopListener(HubConnection connection) : IAsyncDisposable
{
    private readonly Channel<WorkshopMessage> _messages = Channel.CreateUnbounded<WorkshopMessage>();

    public static async Task<WorkshopListener> Join(AppFixture app, string token, LiveWorkshop workshop)
    {
        var listener = new WorkshopListener(app.Hub(token));
        listener.Connection.On<WorkshopMessage>("WorkshopMessage", m => listener._messages.Writer.TryWrite(m));
        await listener.Connection.StartAsync();
        await listener.Connection.InvokeAsync("JoinWorkshop", workshop.CityId, workshop.Id);
        return listener;
    }

    public HubConnection Connection { get; } = connection;

    public async Task<WorkshopMessage> NextOfType(string type)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        while (true)
            if (await _messages.Reader.ReadAsync(timeout.Token) is { } m && m.Type == type) return m;
    }

    public ValueTask DisposeAsync() => Connection.DisposeAsync();
}

public static class Tables
{
    /// <summary>Every table of the database whose rows, as text, contain <paramref name="needle"/>.</summary>
    public static async Task<IReadOnlyList<string>> Containing(AppFixture app, string needle)
    {
        await using var connection = new NpgsqlConnection(app.Database.ConnectionString);
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand(
                         "select quote_ident(table_schema) || '.' || quote_ident(table_name) from information_schema.tables " +
                         "where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema')", connection))
        await using (var reader = await list.ExecuteReaderAsync())
            while (await reader.ReadAsync()) tables.Add(reader.GetString(0));
        var hits = new List<string>();
        foreach (var table in tables)
        {
            await using var scan = new NpgsqlCommand($"select count(*) from {table} t where t::text ilike @needle", connection);
            scan.Parameters.AddWithValue("needle", $"%{needle}%");
            if (Convert.ToInt64(await scan.ExecuteScalarAsync()) > 0) hits.Add(table);
        }
        tables.Count.ShouldBeGreaterThan(10);
        return hits;
    }

    public static async Task<long> EventCount(AppFixture app)
    {
        await using var connection = new NpgsqlConnection(app.Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select count(*) from epi.mt_events", connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }
}
