using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EPI.Collab.Api.Features.Participants;
using EPI.Collab.Api.Features.Participants.Joining;
using EPI.Collab.Api.Features.ReferenceData;
using EPI.Collab.Api.Features.Translations;
using EPI.Collab.Api.Features.Translations.Translating;
using EPI.Collab.Tests.Features.Workshops;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace EPI.Collab.Tests.Features.Translations;

/// <summary>
/// A stand-in for a city's LibreTranslate server, on Kestrel at 127.0.0.1 inside the test: it answers <c>[target] q</c> and
/// keeps every request it received (body and headers) so a test can say what left the service. "FAIL" in q answers 400.
/// </summary>
public sealed class LibreTranslateStandIn : IAsyncDisposable
{
    private WebApplication? _app;
    public ConcurrentQueue<(string Body, IReadOnlyDictionary<string, string> Headers)> Received { get; } = new();
    public string Url { get; private set; } = "";

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        _app = builder.Build();
        _app.MapPost("/translate", async (HttpRequest request) =>
        {
            var body = await new StreamReader(request.Body).ReadToEndAsync();
            Received.Enqueue((body, request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString())));
            using var json = JsonDocument.Parse(body);
            var q = json.RootElement.GetProperty("q").GetString()!;
            return q.Contains("FAIL") ? Results.BadRequest(new { error = "no" })
                : Results.Json(new { translatedText = $"[{json.RootElement.GetProperty("target").GetString()}] {q}" });
        });
        await _app.StartAsync();
        Url = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
    }
}

/// <summary>A host of its own whose <c>Translation:LibreTranslateUrl</c> points at the stand-in.</summary>
public sealed class MachineTranslationFixture : AppFixture
{
    public LibreTranslateStandIn Server { get; } = new();

    protected override IReadOnlyDictionary<string, string> Settings =>
        new Dictionary<string, string>(base.Settings) { ["Translation:LibreTranslateUrl"] = Server.Url };

    public override async Task InitializeAsync()
    {
        await Server.StartAsync();
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Server.DisposeAsync();
    }
}

public sealed class MachineTranslationTests(MachineTranslationFixture app) : IClassFixture<MachineTranslationFixture>, IAsyncLifetime
{
    public Task InitializeAsync() => app.ResetAsync();
    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task the_engine_gets_only_the_text_and_two_language_tags_never_who_wrote_or_asked()
    {
        var marker = $"n{Guid.NewGuid():N}"[..10];
        var room = await MultilingualRoom.Open(app);
        var named = await (await app.Client().Join("cluj-napoca", room.Workshop.Id,
            new JoinWorkshop(room.Workshop.JoinCode, StakeholderGroup.Resident, "ro", $"Ioana {marker}"))).Read<Joined>();
        var phone = app.Client(named.AccessToken);
        var idea = (await (await phone.PostAsJsonAsync($"{room.Workshop.Url}/proposals",
            new { text = new LocalizedText("ro", "Un birou de informare pentru nou-veniți") }, Json.Options)).Read<Scenarios.Created>()).Value;
        app.Server.Received.Clear();

        var recorded = await (await room.Workshop.Staff.PostAsJsonAsync($"{room.Workshop.Url}/translations/machine",
            new MachineTranslateText(TranslatedKind.Proposal, idea, "ar"), Json.Options)).Read<TranslationRecorded>();
        await (await room.Workshop.Staff.PostAsJsonAsync($"{room.Workshop.Url}/translations/machine",
            new MachineTranslateText(TranslatedKind.FocusQuestion, room.Workshop.Id, "ar"), Json.Options)).Read<TranslationRecorded>();

        var sent = app.Server.Received.ToList();
        sent.Count.ShouldBe(2);
        using (var first = JsonDocument.Parse(sent[0].Body))
        {
            first.RootElement.EnumerateObject().Select(p => p.Name).ShouldBe(["q", "source", "target", "format"]);
            (first.RootElement.GetProperty("q").GetString(), first.RootElement.GetProperty("source").GetString(),
                first.RootElement.GetProperty("target").GetString()).ShouldBe(("Un birou de informare pentru nou-veniți", "ro", "ar"));
        }
        var staffId = new Guid("01900000-0000-7000-8000-00000000f001");
        foreach (var (body, headers) in sent)
        {
            var everything = body + string.Join("\n", headers.Select(h => $"{h.Key}: {h.Value}"));
            foreach (var identity in new[] { named.ParticipantId.ToString(), named.ParticipantId.ToString("N"), marker, "Ioana", staffId.ToString(),
                         room.Workshop.Id.ToString(), "cluj", "facilitator", named.AccessToken })
                everything.ShouldNotContain(identity, Case.Insensitive);
            headers.Keys.ShouldNotContain("Authorization");
        }

        var board = await room.PhoneBoard();
        board.Translations.Single(t => t.TranslationId == recorded.TranslationId).ShouldSatisfyAllConditions(
            t => t.Origin.ShouldBe(TranslationOrigin.Machine), t => t.Engine.ShouldBe("LibreTranslate"),
            t => t.Sealed!.Text.ShouldBe("[ar] Un birou de informare pentru nou-veniți"), t => t.Sealed!.Subject.ShouldBe(named.ParticipantId));
        board.Translations.Single(t => t.Kind == TranslatedKind.FocusQuestion).Text.ShouldBe($"[ar] {MultilingualRoom.Question}");
    }

    [Fact]
    public async Task a_failing_engine_is_a_502_and_records_nothing()
    {
        var room = await MultilingualRoom.Open(app, authorIdea: "FAIL please");
        var before = await Tables.EventCount(app);

        var response = await room.Workshop.Staff.PostAsJsonAsync($"{room.Workshop.Url}/translations/machine",
            new MachineTranslateText(TranslatedKind.Proposal, room.Proposals[0], "ar"), Json.Options);

        response.StatusCode.ShouldBe(HttpStatusCode.BadGateway);
        (await response.Content.ReadAsStringAsync()).ShouldContain("machine-translation-failed");
        (await Tables.EventCount(app)).ShouldBe(before);
    }
}
