using System.Net;
using System.Net.Http.Json;
using EPI.Collab.Api.Features.Audit.Recounting;
using EPI.Collab.Api.Features.Audit.TimeTravel;
using EPI.Collab.Api.Features.PersonalData;
using EPI.Collab.Api.Features.PersonalData.BreakGlass;
using EPI.Collab.Api.Features.Proposals.Amending;
using EPI.Collab.Api.Features.ReferenceData;
using EPI.Collab.Api.Features.Translations;
using EPI.Collab.Api.Features.Translations.Reading;
using EPI.Collab.Api.Features.Voting;
using EPI.Collab.Api.Features.Voting.Casting;
using EPI.Collab.Api.Features.Live;
using EPI.Collab.Tests.Features.Proposals;
using EPI.Collab.Tests.Features.Workshops;

namespace EPI.Collab.Tests.Features.Translations;

/// <summary>A ballot records what its phone displayed; an auditor with a grant sees exactly those texts; the count ignores it.</summary>
public sealed class BallotReadingTests(AppFixture app) : IntegrationTest(app)
{
    private sealed record Envelope(AuditAccessGrantIssued Value, string Url);

    private static async Task<HttpClient> AuditorWithGrant(AppFixture app, Guid workshopId)
    {
        var auditor = await app.ClientFor("auditor");
        var grant = await (await auditor.PostAsJsonAsync("/api/cities/cluj-napoca/audit/access-grants",
            new GrantAuditAccess("Complaint 2026/118: the Arabic text said something else", workshopId, 15), Json.Options)).Read<Envelope>();
        auditor.DefaultRequestHeaders.Add(AuditAccessGrant.Header, grant.Value.GrantId.ToString());
        return auditor;
    }

    private static HttpRequestMessage Ballot(MultilingualRoom room, CastBallot ballot) =>
        new(HttpMethod.Post, $"{room.RoundUrl}/ballot") { Content = JsonContent.Create(ballot, options: Json.Options) };

    [Fact]
    public async Task the_auditor_sees_the_arabic_texts_a_voter_read_even_after_the_proposal_changed()
    {
        var room = await MultilingualRoom.Open(App);
        await room.TranslateOk(TranslatedKind.Proposal, room.Proposals[0], "دروس لغة مسائية قرب السوق");
        await room.TranslateOk(TranslatedKind.Proposal, room.Proposals[1], "إرشاد مع أصحاب العمل المحليين");
        var shown = (await room.PhoneBoard()).Translations;
        ReadOption Read(int i) => shown.Single(t => t.SourceId == room.Proposals[i]) is var t
            ? new ReadOption(room.Round.Options[i].OptionId, t.TranslationId, t.Version) : throw new InvalidOperationException();

        var accepted = await (await room.ArabicPhone.SendAsync(Ballot(room, new CastBallot([new BallotMark(room.Round.Options[0].OptionId, 1)],
            new BallotReadAs("ar", [Read(0), Read(1)]))))).Read<BallotAccepted>();
        (await room.AuthorPhone.PostAsJsonAsync($"{room.Workshop.Url}/proposals/{room.Proposals[0]}/amend",
            new AmendProposal(1, new LocalizedText("ro", "Altceva cu totul")), Json.Options)).EnsureSuccessStatusCode();
        await room.TranslateOk(TranslatedKind.Proposal, room.Proposals[0], "شيء آخر تمامًا", sourceVersion: 2);
        await App.RelaySettled();

        var auditor = await AuditorWithGrant(App, room.Workshop.Id);
        var reading = await (await auditor.GetAsync($"/api/cities/cluj-napoca/audit/workshops/{room.Workshop.Id}/ballots/{accepted.BallotId}/reading"))
            .Read<BallotReadingView>();

        reading.ShouldSatisfyAllConditions(r => r.Lang.ShouldBe("ar"), r => r.BallotVersion.ShouldBe(accepted.Version));
        reading.Options.Select(o => (o.Text!.Text, o.Origin, o.Current, o.TranslationVersion)).ShouldBe([
            ("دروس لغة مسائية قرب السوق", TranslationOrigin.Human, true, 1), ("إرشاد مع أصحاب العمل المحليين", TranslationOrigin.Human, true, 1)]);
        var boardThen = await (await auditor.GetAsync($"/api/cities/cluj-napoca/audit/workshops/{room.Workshop.Id}/board?sequence={reading.Sequence}"))
            .Read<AsOf<WorkshopBoard>>();
        boardThen.State.Translations.Select(t => t.Sealed!.Text).ShouldBe(["دروس لغة مسائية قرب السوق", "إرشاد مع أصحاب العمل المحليين"]);
        (await room.PhoneBoard()).Translations.Single(t => t.SourceId == room.Proposals[0]).Sealed!.Text.ShouldBe("شيء آخر تمامًا");

        var recount = await (await auditor.GetAsync($"/api/cities/cluj-napoca/audit/rounds/{room.Round.RoundId}/recount")).Read<Recount>();
        recount.ShouldSatisfyAllConditions(r => r.Matches.ShouldBeTrue(), r => r.Recounted.Ballots.Total.ShouldBe(1));

        var withheld = await (await (await App.ClientFor("auditor")).GetAsync(
            $"/api/cities/cluj-napoca/audit/workshops/{room.Workshop.Id}/ballots/{accepted.BallotId}/reading")).Read<BallotReadingView>();
        withheld.Options.ShouldAllBe(o => o.Text!.State == PersonalTextState.Withheld);
    }

    [Fact]
    public async Task a_phone_showing_originals_records_that_and_a_reading_naming_foreign_options_is_a_400()
    {
        var room = await MultilingualRoom.Open(App);
        var accepted = await (await room.ArabicPhone.SendAsync(Ballot(room, new CastBallot([new BallotMark(room.Round.Options[1].OptionId, 1)],
            new BallotReadAs("ar", [new ReadOption(room.Round.Options[0].OptionId, null, null), new ReadOption(room.Round.Options[1].OptionId, null, null)])))))
            .Read<BallotAccepted>();
        var reading = await (await room.Workshop.Staff.GetAsync(
            $"/api/cities/cluj-napoca/audit/workshops/{room.Workshop.Id}/ballots/{accepted.BallotId}/reading")).Read<BallotReadingView>();
        reading.Options.Select(o => (o.Text!.Text, o.Lang, o.Current)).ShouldBe([
            ("Cursuri de limbă seara, lângă piață", "ro", true), ("Mentorat cu angajatori locali", "ro", true)]);

        var other = await App.Client().Join("cluj-napoca", room.Workshop.Id,
            new EPI.Collab.Api.Features.Participants.Joining.JoinWorkshop(room.Workshop.JoinCode, EPI.Collab.Api.Features.Participants.StakeholderGroup.Resident, "ar"));
        var phone = App.Client((await other.Read<EPI.Collab.Api.Features.Participants.Joining.Joined>()).AccessToken);
        var refused = await phone.SendAsync(Ballot(room, new CastBallot([new BallotMark(room.Round.Options[1].OptionId, 1)],
            new BallotReadAs("ar", [new ReadOption(Guid.CreateVersion7(), null, null)]))));
        (await refused.Read400()).Errors.Keys.ShouldBe(["read.options[0].optionId"]);
        (await room.Workshop.Staff.GetAsync($"/api/cities/cluj-napoca/audit/workshops/{room.Workshop.Id}/ballots/{Guid.CreateVersion7()}/reading"))
            .StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}
