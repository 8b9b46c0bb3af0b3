using System.Net;
using System.Net.Http.Json;
using EPI.Collab.Api.Features.Audit.Recounting;
using EPI.Collab.Api.Features.Audit.Verifying;
using EPI.Collab.Api.Features.Comments.Adding;
using EPI.Collab.Api.Features.Comments;
using EPI.Collab.Api.Features.Participants;
using EPI.Collab.Api.Features.Participants.Joining;
using EPI.Collab.Api.Features.PersonalData;
using EPI.Collab.Api.Features.PersonalData.Erasing;
using EPI.Collab.Api.Features.PersonalData.SubjectAccess;
using EPI.Collab.Api.Features.ReferenceData;
using EPI.Collab.Api.Features.Voting;
using EPI.Collab.Tests.Features.Audit;
using EPI.Collab.Tests.Features.Proposals;
using EPI.Collab.Tests.Features.Voting;
using EPI.Collab.Tests.Features.Workshops;
using Marten;
using Marten.Events;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace EPI.Collab.Tests.Features.PersonalData;

/// <summary>Crypto-shredding: personal texts are sealed under their author's key; erasing destroys the key and nothing else.</summary>
public sealed class ErasureTests(AppFixture app) : IntegrationTest(app)
{
    /// <summary>A participant who gives a name, proposes, comments and votes, next to another participant who comments too.</summary>
    private sealed record Story(VotingRoom Room, Joined Zofia, HttpClient ZofiaPhone, Guid Proposal, Guid ZofiaComment, Guid OtherComment,
        string Marker)
    {
        public string Name => $"Zofia {Marker}-name";
        public string Idea => $"Night classes near the {Marker}-market";
        public string Remark => $"My cousin at {Marker}-street agrees";
        public string Url(string path) => $"/api/cities/{Room.Workshop.CityId}{path}";
    }

    private async Task<Story> Tell()
    {
        var marker = $"q{Guid.NewGuid():N}"[..12];
        var room = await VotingRoom.Open(App, new RoundRules(VotingMethod.Approval, ResultsVisibility.Live, true, false), proposals: 2);
        var workshop = room.Workshop;
        var joined = await (await App.Client().Join(workshop.CityId, workshop.Id,
            new JoinWorkshop(workshop.JoinCode, StakeholderGroup.MigrantLedOrganisation, "pl", $"Zofia {marker}-name"))).Read<Joined>();
        var phone = App.Client(joined.AccessToken);
        var proposal = await phone.SubmitOk(workshop, $"Night classes near the {marker}-market", "pl");
        var comment = await phone.CommentOk(workshop, room.Proposals[0],
            new AddComment(CommentKind.Support, new LocalizedText("en", $"My cousin at {marker}-street agrees"), 1));
        var other = await workshop.Phone();
        var otherComment = await other.Client.CommentOk(workshop, proposal, ProposalScenarios.Question("Who teaches?"));
        await new Voting.Phone(room, phone).VoteOk(new BallotMark(room.Option(0), 1), new BallotMark(room.Option(1), 1));
        await (await room.Phone()).VoteOk(new BallotMark(room.Option(1), 1));
        return new Story(room, joined, phone, proposal, comment, otherComment, marker);
    }

    private async Task<HttpResponseMessage> Erase(Story story, Guid? subject = null) =>
        await (await App.ClientFor("coordinator.cluj")).PostAsJsonAsync(story.Url($"/subjects/{subject ?? story.Zofia.ParticipantId}/erasure"),
            new EraseSubject(ErasureGround.ConsentWithdrawn, true), Json.Options);

    /// <summary>Every row of every table of the database, as text, that contains <paramref name="needle"/>: table names.</summary>
    private Task<IReadOnlyList<string>> TablesContaining(string needle) => Translations.Tables.Containing(App, needle);

    private async Task<Recount> Recount(Story story) =>
        await (await (await story.Room.Auditor()).GetAsync($"{story.Room.AuditUrl()}/rounds/{story.Room.Round.RoundId}/recount")).Read<Recount>();

    private async Task<ChainVerification> Verify()
    {
        await App.Store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(20));
        return await (await (await App.ClientFor("auditor")).GetAsync("/api/audit/chain/verify")).Read<ChainVerification>();
    }

    [Fact]
    public async Task texts_and_names_are_stored_only_as_ciphertext_and_read_back_in_clear_by_the_room()
    {
        var story = await Tell();

        (await TablesContaining(story.Marker)).ShouldBeEmpty();
        var proposal = await story.ZofiaPhone.Proposal(story.Room.Workshop, story.Proposal);
        proposal.Versions.Single().Text.ShouldSatisfyAllConditions(t => t!.Text.ShouldBe(story.Idea), t => t!.Lang.ShouldBe("pl"),
            t => t!.State.ShouldBe(PersonalTextState.Revealed), t => t!.Sealed.ShouldBeNull());
        (await story.Room.Workshop.Board()).Proposals.Single(p => p.Id == story.Proposal).Text!.Text.ShouldBe(story.Idea);
        (await story.Room.Workshop.Staff.Thread(story.Room.Workshop, story.Room.Proposals[0])).Single().Text!.Text.ShouldBe(story.Remark);
    }

    [Fact]
    public async Task a_participant_reads_everything_held_about_them_while_their_round_is_open()
    {
        var story = await Tell();

        var mine = await (await story.ZofiaPhone.GetAsync($"{story.Room.Workshop.Url}/participants/me/data")).Read<SubjectData>();

        mine.ShouldSatisfyAllConditions(
            m => m.SubjectId.ShouldBe(story.Zofia.ParticipantId), m => m.Erasure.ShouldBeNull(),
            m => m.DisplayName!.Text.ShouldBe(story.Name), m => m.Participation!.Group.ShouldBe(StakeholderGroup.MigrantLedOrganisation),
            m => m.Proposals.Single().Versions.Single().Text!.Text.ShouldBe(story.Idea),
            m => m.Comments.Single().Text!.Text.ShouldBe(story.Remark),
            m => m.Ballots.Single().Marks.Select(x => x.OptionId).ShouldBe([story.Room.Option(0), story.Room.Option(1)], ignoreOrder: true));
        (await story.ZofiaPhone.GetAsync(story.Url($"/subjects/{story.Zofia.ParticipantId}/data"))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var other = await story.Room.Workshop.Phone();
        (await (await other.Client.GetAsync($"{story.Room.Workshop.Url}/participants/me/data")).Read<SubjectData>())
            .ShouldSatisfyAllConditions(m => m.SubjectId.ShouldBe(other.ParticipantId), m => m.Proposals.ShouldBeEmpty());
        (await (await (await App.ClientFor("coordinator.cluj")).GetAsync(story.Url($"/subjects/{story.Zofia.ParticipantId}/data"))).Read<SubjectData>())
            .Comments.Single().Id.ShouldBe(story.ZofiaComment);
    }

    [Fact]
    public async Task erasure_leaves_erased_markers_counted_ballots_a_verifying_chain_and_no_plaintext_anywhere()
    {
        var story = await Tell();
        (await story.Room.Close()).EnsureSuccessStatusCode();
        var before = await Recount(story);
        before.Matches.ShouldBeTrue();
        var eventsBefore = await EventCount();

        var erased = await Erase(story);

        erased.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Verify()).Verified.ShouldBeTrue();
        var after = await Recount(story);
        after.Matches.ShouldBeTrue();
        AuditScenarios.Canonical(after.Recounted).ShouldBe(AuditScenarios.Canonical(before.Recounted));
        after.Recounted.Ballots.Total.ShouldBe(2);
        (await EventCount()).ShouldBe(eventsBefore + 2, "erasure adds its request and the shredding, and changes no other event");
        (await TablesContaining(story.Marker)).ShouldBeEmpty();

        var workshop = story.Room.Workshop;
        var proposal = await workshop.Staff.Proposal(workshop, story.Proposal);
        proposal.Versions.Single().Text.ShouldSatisfyAllConditions(t => t!.Text.ShouldBe(PersonalText.ErasedMarker),
            t => t!.State.ShouldBe(PersonalTextState.Erased), t => t!.Lang.ShouldBe("pl"));
        (await workshop.Board()).Proposals.Single(p => p.Id == story.Proposal).Text!.State.ShouldBe(PersonalTextState.Erased);
        var thread = await workshop.Staff.Thread(workshop, story.Proposal);
        thread.Single().ShouldSatisfyAllConditions(c => c.Id.ShouldBe(story.OtherComment), c => c.Text!.Text.ShouldBe("Who teaches?"));
        (await workshop.Staff.Thread(workshop, story.Room.Proposals[0])).Single().Text!.Text.ShouldBe(PersonalText.ErasedMarker);

        var record = await (await (await App.ClientFor("coordinator.cluj")).GetAsync(story.Url($"/subjects/{story.Zofia.ParticipantId}/data"))).Read<SubjectData>();
        record.ShouldSatisfyAllConditions(r => r.Erasure!.Ground.ShouldBe(ErasureGround.ConsentWithdrawn), r => r.Erasure!.ShreddedAt.ShouldNotBeNull(),
            r => r.DisplayName.ShouldBeNull(), r => r.Proposals.Single().Versions.Single().Text!.State.ShouldBe(PersonalTextState.Erased));
    }

    [Fact]
    public async Task an_erased_participant_cannot_write_again_and_a_subject_is_erased_once()
    {
        var story = await Tell();
        (await Erase(story)).EnsureSuccessStatusCode();

        var again = await story.ZofiaPhone.Submit(story.Room.Workshop, new { text = new LocalizedText("en", "Back again") });
        again.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await again.Content.ReadAsStringAsync()).ShouldContain("\"code\":\"subject-erased\"");
        var twice = await Erase(story);
        twice.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await twice.Content.ReadAsStringAsync()).ShouldContain("subject-already-erased");
        (await Erase(story, Guid.CreateVersion7())).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var unchecked_ = await (await App.ClientFor("coordinator.cluj")).PostAsJsonAsync(story.Url($"/subjects/{Guid.CreateVersion7()}/erasure"),
            new EraseSubject(ErasureGround.Objection, false), Json.Options);
        (await unchecked_.Read400()).Errors.Keys.ShouldBe(["exceptionsChecked"]);
        (await story.ZofiaPhone.PostAsJsonAsync(story.Url($"/subjects/{story.Zofia.ParticipantId}/erasure"),
            new EraseSubject(ErasureGround.ConsentWithdrawn, true), Json.Options)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public void a_key_of_one_city_does_not_open_another_citys_texts()
    {
        var ring = App.Services.GetRequiredService<KeyRing>();
        var (stored, seal) = ring.Create("riga", Guid.CreateVersion7(), DateTimeOffset.UtcNow);
        var text = seal.Seal(new LocalizedText("lv", "Valodas kursi"));

        ring.Unwrap("riga", stored)!.Open(text.Sealed).ShouldBe("Valodas kursi");
        ring.Unwrap("lublin", stored).ShouldBeNull();
        new SubjectSeal(Guid.CreateVersion7(), System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)).Open(text.Sealed).ShouldBeNull();
        seal.Open(text.Sealed![..^4] + "AAA=").ShouldBeNull();
    }

    private async Task<long> EventCount()
    {
        await using var connection = new NpgsqlConnection(App.Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select count(*) from epi.mt_events", connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }
}
