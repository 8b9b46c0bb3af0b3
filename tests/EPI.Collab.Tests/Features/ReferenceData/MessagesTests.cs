using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EPI.Collab.Api.Features.Participants;
using EPI.Collab.Api.Features.ReferenceData;
using EPI.Collab.Api.Features.Workshops;
using EPI.Collab.Api.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace EPI.Collab.Tests.Features.ReferenceData;

[Trait(Lane.Name, Lane.Unit)]
public class MessageCatalogTests
{
    private static readonly MessageCatalog Catalog = MessageCatalog.Load();

    private static string Key(string prefix, Enum value) => $"{prefix}.{JsonNamingPolicy.SnakeCaseUpper.ConvertName(value.ToString())}";

    [Fact]
    public void every_text_exists_in_english_and_the_seven_city_languages()
    {
        Catalog.Languages.ShouldBe(Languages.WithMessages, ignoreOrder: true);
        foreach (var key in Catalog.Keys)
        foreach (var language in Languages.Core)
            Catalog.For(language)[key].ShouldNotBeNullOrWhiteSpace($"{key} in {language}");
    }

    /// <summary>What a phone shows: every enum name, problem, field message, translation mark, and the texts of its page.</summary>
    private static bool OnThePhone(string key) =>
        key.Split('.')[0] is "phase" or "group" or "method" or "quadrant" or "consent" or "status" or "round" or "error" or "ballot"
            or "proposal" or "comment" or "field" or "translation"
        || PhoneTexts.Contains(key);

    private static readonly HashSet<string> PhoneTexts = Directory
        .EnumerateFiles(Path.Combine(Root(), "src/EPI.Collab.Api/wwwroot"), "*.*", SearchOption.AllDirectories)
        .Where(f => Path.GetFileName(f) is "phone.html" or "phone.js" or "ballot.js" or "translations.js")
        .SelectMany(f => System.Text.RegularExpressions.Regex.Matches(File.ReadAllText(f), @"(?:t\('|data-i18n="")(ui\.[a-z-]+)").Select(m => m.Groups[1].Value))
        .ToHashSet();

    private static string Root([System.Runtime.CompilerServices.CallerFilePath] string path = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(path)!, "../../../.."));

    [Fact]
    public void the_phone_speaks_the_newcomers_languages_ar_uk_ru_tr_fa_so_sq_ti_hu()
    {
        PhoneTexts.ShouldContain("ui.join-code");
        Languages.Community.ShouldBe(["ar", "uk", "ru", "tr", "fa", "so", "sq", "ti", "hu"], ignoreOrder: true);
        var missing = (from language in Languages.Community
            from key in Catalog.Keys.Where(OnThePhone)
            where Catalog.Text(key, language) == Catalog.Text(key, "en") && key != "ui.app"
            select $"{key} in {language}").ToList();
        missing.ShouldBeEmpty();
        Catalog.Text("ui.join", "ar").ShouldBe("الانضمام إلى الورشة");
        Catalog.Text("translation.human", "uk").ShouldBe("Переклад усного перекладача");
    }

    [Fact]
    public void language_tags_come_from_a_closed_list_with_their_direction()
    {
        Languages.IsAccepted("ar").ShouldBeTrue();
        Languages.IsAccepted("prs").ShouldBeTrue();
        Languages.IsAccepted("tlh").ShouldBeFalse();
        Languages.IsAccepted("AR").ShouldBeFalse();
        Languages.IsAccepted("Arabic").ShouldBeFalse();
        Languages.Known.Where(l => l.RightToLeft).Select(l => l.Code).ShouldBe(["ar", "fa", "ckb", "he", "prs", "ps", "ur"], ignoreOrder: true);
        Languages.Known.Where(l => l.Messages).Select(l => l.Code).ShouldBe(Languages.WithMessages, ignoreOrder: true);
        Languages.Accepted.ShouldBeUnique();
    }

    [Fact]
    public void every_phase_type_and_stakeholder_group_has_a_name()
    {
        foreach (var phase in Enum.GetValues<PhaseType>()) Catalog.Text(Key("phase", phase), "lv").ShouldNotBeNull(phase.ToString());
        foreach (var group in Enum.GetValues<StakeholderGroup>()) Catalog.Text(Key("group", group), "pl").ShouldNotBeNull(group.ToString());
        foreach (var status in Enum.GetValues<WorkshopStatus>()) Catalog.Text(Key("status", status), "sv").ShouldNotBeNull(status.ToString());
        foreach (var method in Enum.GetValues<EPI.Collab.Api.Features.Voting.VotingMethod>()) Catalog.Text(Key("method", method), "ro").ShouldNotBeNull();
        foreach (var round in Enum.GetValues<EPI.Collab.Api.Features.Voting.RoundStatus>()) Catalog.Text(Key("round", round), "it").ShouldNotBeNull();
        foreach (var status in Enum.GetValues<EPI.Collab.Api.Features.Proposals.ProposalStatus>()) Catalog.Text(Key("proposal", status), "de").ShouldNotBeNull();
        foreach (var kind in Enum.GetValues<EPI.Collab.Api.Features.Comments.CommentKind>()) Catalog.Text(Key("comment", kind), "es").ShouldNotBeNull();
    }

    [Theory]
    [InlineData("validation"), InlineData("bad-json"), InlineData("unauthorized"), InlineData("forbidden"), InlineData("not-found")]
    [InlineData("conflict"), InlineData("rule-violated"), InlineData("unavailable"), InlineData("server")]
    [InlineData("workshop-closed"), InlineData("workshop-not-open"), InlineData("round-closed"), InlineData("already-voted")]
    [InlineData("results-hidden"), InlineData("join-code-unknown"), InlineData("join-code-wrong"), InlineData("rules-changed")]
    [InlineData("ballot-conflict"), InlineData("not-author")]
    public void every_problem_code_has_a_title(string code) => Catalog.Text($"error.{code}", "lv").ShouldNotBeNull();

    [Theory]
    [InlineData("join-code-required"), InlineData("group-unknown"), InlineData("language-unsupported"), InlineData("text-length")]
    [InlineData("display-name-too-long"), InlineData("policy-area-unknown"), InlineData("comment-kind-unknown"), InlineData("proposal-version")]
    [InlineData("marks-required"), InlineData("option-unknown"), InlineData("option-repeated"), InlineData("approval-value")]
    [InlineData("dots-per-option"), InlineData("dots-budget"), InlineData("ranks-consecutive"), InlineData("score-range")]
    [InlineData("impact-feasibility-range"), InlineData("consent-value"), InlineData("objection-reason"), InlineData("reason-too-long")]
    public void every_field_code_a_participant_can_meet_has_a_message(string code) => Catalog.Text($"field.{code}", "pl").ShouldNotBeNull();
}

public class MessagesTests(AppFixture app) : IntegrationTest(app)
{
    [Fact]
    public async Task a_phone_downloads_the_texts_of_its_language()
    {
        var romanian = await App.Client().GetFromJsonAsync<Dictionary<string, string>>("/api/messages/ro", Json.Options);

        romanian!["phase.WELCOME"].ShouldNotBe(MessageCatalog.Load().Text("phase.WELCOME", "en"));
        romanian.Keys.ShouldContain("error.round-closed");
        (await App.Client().GetAsync("/api/messages/tlh")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await App.Client().GetAsync("/api/messages/wo")).StatusCode.ShouldBe(HttpStatusCode.NotFound, "known, but the phone has no texts in it");
        var arabic = await App.Client().GetFromJsonAsync<Dictionary<string, string>>("/api/messages/ar", Json.Options);
        arabic!["ui.vote"].ShouldBe("أرسل صوتي");
        arabic["ui.interpreter"].ShouldBe("Interpreter console", "a staff text not translated yet falls back to English");
    }

    [Fact]
    public async Task the_language_list_is_published_with_names_and_directions()
    {
        var languages = await App.Client().GetFromJsonAsync<List<Language>>("/api/languages", Json.Options);

        languages!.Single(l => l.Code == "ar").ShouldBe(new Language("ar", "العربية", true, true));
        languages!.Single(l => l.Code == "hu").ShouldBe(new Language("hu", "Magyar", false, true));
        languages!.Single(l => l.Code == "prs").ShouldSatisfyAllConditions(l => l.RightToLeft.ShouldBeTrue(), l => l.Messages.ShouldBeFalse());
    }

    [Theory]
    [InlineData("de")]
    [InlineData("lv")]
    [InlineData("es-ES,es;q=0.9")]
    [InlineData("ar")]
    [InlineData("uk-UA")]
    public async Task problems_carry_a_code_and_a_title_in_the_callers_language(string acceptLanguage)
    {
        var language = acceptLanguage[..2];
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/cities/riga/workshops");
        request.Headers.TryAddWithoutValidation("Accept-Language", acceptLanguage);

        var response = await App.Client().SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var problem = (await response.Content.ReadFromJsonAsync<ProblemDetails>(Json.Options))!;
        problem.Extensions["code"]!.ToString().ShouldBe("unauthorized");
        problem.Title.ShouldBe(MessageCatalog.Load().Text("error.unauthorized", language));
        response.Content.Headers.ContentLanguage.ShouldBe([language]);
    }

    [Fact]
    public async Task a_phone_sees_field_errors_in_its_language_with_their_codes()
    {
        var workshop = await EPI.Collab.Tests.Features.Workshops.Scenarios.OpenRoundTable(App);
        var request = new HttpRequestMessage(HttpMethod.Post, $"{workshop.Url}/participants")
        {
            Content = JsonContent.Create(new { joinCode = workshop.JoinCode, group = "RESIDENT", preferredLanguage = "tlh" })
        };
        request.Headers.TryAddWithoutValidation("Accept-Language", "pl");

        var response = await App.Client().SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        body.RootElement.GetProperty("errors").GetProperty("preferredLanguage")[0].GetString()
            .ShouldBe(MessageCatalog.Load().Text("field.language-unsupported", "pl"));
        body.RootElement.GetProperty("fieldCodes").GetProperty("preferredLanguage")[0].GetString().ShouldBe("language-unsupported");
    }

    [Fact]
    public async Task validation_problems_are_localized_and_keep_their_field_errors()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/login") { Content = JsonContent.Create(new { username = "" }) };
        request.Headers.TryAddWithoutValidation("Accept-Language", "it");

        var response = await App.Client().SendAsync(request);

        var problem = (await response.Content.ReadFromJsonAsync<ValidationProblemDetails>(Json.Options))!;
        problem.Title.ShouldBe(MessageCatalog.Load().Text("error.validation", "it"));
        problem.Errors.Keys.ShouldContain("username");
    }
}
