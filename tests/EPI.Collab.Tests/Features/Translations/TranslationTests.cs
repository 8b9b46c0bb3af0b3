using System.Net;
using System.Net.Http.Json;
using EPI.Collab.Api.Features.PersonalData;
using EPI.Collab.Api.Features.PersonalData.Erasing;
using EPI.Collab.Api.Features.Proposals.Amending;
using EPI.Collab.Api.Features.ReferenceData;
using EPI.Collab.Api.Features.Translations;
using EPI.Collab.Api.Features.Translations.Translating;
using EPI.Collab.Tests.Features.Proposals;
using EPI.Collab.Tests.Features.Workshops;

namespace EPI.Collab.Tests.Features.Translations;

/// <summary>Translations are events with provenance, carried live on the board, stale after an amendment, erased with their author.</summary>
public sealed class TranslationTests(AppFixture app) : IntegrationTest(app)
{
    [Fact]
    public async Task a_translation_reaches_the_arabic_phone_live_with_its_provenance()
    {
        var room = await MultilingualRoom.Open(App);
        await room.PhoneBoard();
        await using var phone = await WorkshopListener.Join(App, room.Arabic.AccessToken, room.Workshop);

        var recorded = await room.TranslateOk(TranslatedKind.Proposal, room.Proposals[0], "دروس لغة مسائية قرب السوق");
        var pushed = (System.Text.Json.JsonElement)(await phone.NextOfType("text.translated")).Data;

        pushed.GetProperty("translationId").GetGuid().ShouldBe(recorded.TranslationId);
        pushed.GetProperty("origin").GetString().ShouldBe("HUMAN");
        pushed.GetRawText().ShouldNotContain("دروس", customMessage: "a pushed change carries no text moderation could hide");
        var board = await room.PhoneBoard();
        var translation = board.Translations.ShouldHaveSingleItem();
        translation.ShouldSatisfyAllConditions(
            t => t.Kind.ShouldBe(TranslatedKind.Proposal), t => t.SourceId.ShouldBe(room.Proposals[0]), t => t.Lang.ShouldBe("ar"),
            t => t.SourceVersion.ShouldBe(1), t => t.Version.ShouldBe(1), t => t.Origin.ShouldBe(TranslationOrigin.Human), t => t.Engine.ShouldBeNull(),
            t => t.Stale.ShouldBeFalse(), t => t.Sealed!.Text.ShouldBe("دروس لغة مسائية قرب السوق"), t => t.Sealed!.State.ShouldBe(PersonalTextState.Revealed),
            t => t.Sealed!.Subject.ShouldBe(room.Author.ParticipantId, "a participant's text is translated under the author's key"));
        await using var session = App.Store.QuerySession("cluj-napoca");
        var events = await session.Events.FetchStreamAsync(TranslationStream.Id(TranslatedKind.Proposal, room.Proposals[0], "ar"));
        var e = events.Single().Data.ShouldBeOfType<TextTranslated>();
        (e.By, e.ByRole, e.SourceLang).ShouldBe((new Guid("01900000-0000-7000-8000-00000000f001"), "facilitator", "ro"));
    }

    [Fact]
    public async Task staff_texts_are_translated_in_clear_and_every_kind_lands_on_the_board()
    {
        var room = await MultilingualRoom.Open(App);
        await room.TranslateOk(TranslatedKind.FocusQuestion, room.Workshop.Id, "ماذا يمكن أن تفعل المدينة؟");
        await room.TranslateOk(TranslatedKind.RoundQuestion, room.Round.RoundId, "ماذا نفعل أولًا؟");
        await room.TranslateOk(TranslatedKind.RoundOption, room.Round.Options[1].OptionId, "الخيار 2");

        var board = await room.PhoneBoard();

        board.Translations.Select(t => (t.Kind, t.Text, t.Sealed)).ShouldBe([
            (TranslatedKind.FocusQuestion, "ماذا يمكن أن تفعل المدينة؟", null), (TranslatedKind.RoundQuestion, "ماذا نفعل أولًا؟", null),
            (TranslatedKind.RoundOption, "الخيار 2", null)]);
    }

    [Fact]
    public async Task amending_a_proposal_makes_its_translations_stale_until_the_new_version_is_translated()
    {
        var room = await MultilingualRoom.Open(App);
        await room.TranslateOk(TranslatedKind.Proposal, room.Proposals[0], "دروس لغة مسائية");

        (await room.AuthorPhone.PostAsJsonAsync($"{room.Workshop.Url}/proposals/{room.Proposals[0]}/amend",
            new AmendProposal(1, new LocalizedText("ro", "Cursuri de limbă seara și sâmbăta")), Json.Options)).EnsureSuccessStatusCode();

        var stale = (await room.PhoneBoard()).Translations.Single();
        stale.ShouldSatisfyAllConditions(t => t.Stale.ShouldBeTrue(), t => t.SourceVersion.ShouldBe(1));
        (await (await room.Translate(new TranslateText(TranslatedKind.Proposal, room.Proposals[0], 1, "ar", "قديم"))).Content.ReadAsStringAsync())
            .ShouldContain("source-changed");
        var again = await room.TranslateOk(TranslatedKind.Proposal, room.Proposals[0], "دروس لغة مساءً وأيام السبت", sourceVersion: 2);
        again.Version.ShouldBe(2);
        var current = (await room.PhoneBoard()).Translations.Single();
        current.ShouldSatisfyAllConditions(t => t.Stale.ShouldBeFalse(), t => t.SourceVersion.ShouldBe(2), t => t.Version.ShouldBe(2),
            t => t.Sealed!.Text.ShouldBe("دروس لغة مساءً وأيام السبت"));
    }

    [Fact]
    public async Task translations_outside_the_session_languages_of_unknown_texts_or_by_participants_are_refused_and_change_nothing()
    {
        var room = await MultilingualRoom.Open(App);
        var before = await Tables.EventCount(App);

        (await (await room.Translate(new TranslateText(TranslatedKind.Proposal, room.Proposals[0], 1, "uk", "Вечірні курси"))).Read400())
            .Errors.Keys.ShouldBe(["lang"], "Ukrainian is no session language of this workshop");
        (await (await room.Translate(new TranslateText(TranslatedKind.Proposal, room.Proposals[0], 1, "tlh", "x"))).Read400()).Errors.Keys.ShouldBe(["lang"]);
        (await (await room.Translate(new TranslateText(TranslatedKind.Proposal, room.Proposals[0], 1, "ro", "x"))).Read400()).Errors.Keys.ShouldBe(["lang"]);
        (await (await room.Translate(new TranslateText(TranslatedKind.Proposal, room.Proposals[0], 1, "ar", "  "))).Read400()).Errors.Keys.ShouldBe(["text"]);
        (await room.Translate(new TranslateText(TranslatedKind.Comment, room.Proposals[0], 1, "ar", "x"))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await room.Translate(new TranslateText(TranslatedKind.Proposal, Guid.CreateVersion7(), 1, "ar", "x"))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await room.Translate(new TranslateText(TranslatedKind.Proposal, room.Proposals[0], 1, "ar", "x"), room.ArabicPhone))
            .StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await room.Translate(new TranslateText(TranslatedKind.Proposal, room.Proposals[0], 1, "ar", "x"), await App.ClientFor("facilitator.riga")))
            .StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await room.Workshop.Staff.PostAsJsonAsync($"{room.Workshop.Url}/translations/machine",
            new MachineTranslateText(TranslatedKind.Proposal, room.Proposals[0], "ar"), Json.Options)).ShouldSatisfyAllConditions(
            r => r.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity),
            r => r.Content.ReadAsStringAsync().Result.ShouldContain("machine-translation-off"));

        (await Tables.EventCount(App)).ShouldBe(before);
    }

    [Fact]
    public async Task erasing_the_author_erases_the_translations_of_their_texts_and_no_table_holds_them()
    {
        var marker = $"m{Guid.NewGuid():N}"[..12];
        var room = await MultilingualRoom.Open(App);
        await room.TranslateOk(TranslatedKind.Proposal, room.Proposals[0], $"دروس لغة {marker}");
        await room.TranslateOk(TranslatedKind.Proposal, room.Proposals[1], $"إرشاد {marker}-staff");
        (await room.PhoneBoard()).Translations.Count.ShouldBe(2);
        (await Tables.Containing(App, marker)).ShouldBeEmpty("translations of people's texts are stored only as ciphertext");

        (await (await App.ClientFor("coordinator.cluj")).PostAsJsonAsync($"/api/cities/cluj-napoca/subjects/{room.Author.ParticipantId}/erasure",
            new EraseSubject(ErasureGround.ConsentWithdrawn, true), Json.Options)).EnsureSuccessStatusCode();

        var board = await room.PhoneBoard();
        board.Translations.Single(t => t.SourceId == room.Proposals[0]).Sealed!.ShouldSatisfyAllConditions(
            t => t.State.ShouldBe(PersonalTextState.Erased), t => t.Text.ShouldBe(PersonalText.ErasedMarker));
        board.Translations.Single(t => t.SourceId == room.Proposals[1]).Sealed!.Text.ShouldBe($"إرشاد {marker}-staff",
            customMessage: "the facilitator's own proposal is sealed under the facilitator's key, which stays");
        (await Tables.Containing(App, marker)).ShouldBeEmpty();
        (await room.Translate(new TranslateText(TranslatedKind.Proposal, room.Proposals[0], 1, "ar", "x"))).StatusCode
            .ShouldBe(HttpStatusCode.UnprocessableEntity, "an erased author's text cannot be translated again");
    }
}
