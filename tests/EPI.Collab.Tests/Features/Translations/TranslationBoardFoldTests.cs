using EPI.Collab.Api.Features.PersonalData;
using EPI.Collab.Api.Features.Proposals;
using EPI.Collab.Api.Features.ReferenceData;
using EPI.Collab.Api.Features.Translations;
using EPI.Collab.Api.Features.Translations.Translating;
using EPI.Collab.Api.Features.Workshops;
using EPI.Collab.Api.Features.Live;
using EPI.Collab.Api.Infrastructure.Auth;

namespace EPI.Collab.Tests.Features.Translations;

/// <summary>The pure fold and decision of translations: no host, no database.</summary>
[Trait(Lane.Name, Lane.Unit)]
public class TranslationBoardFoldTests
{
    private static readonly Guid Workshop = Guid.CreateVersion7(), ProposalId = Guid.CreateVersion7(), Author = Guid.CreateVersion7();
    private static readonly DateTimeOffset Now = new(2026, 3, 12, 9, 0, 0, TimeSpan.Zero);
    private static readonly PersonalText Sealed = new(Author, "ro", "v1:cipher");

    private static WorkshopBoard Board()
    {
        var board = WorkshopBoardFold.Create(new WorkshopScheduled(Workshop, "cluj-napoca", WorkshopKind.PolicyDesignRoundTable, "T",
            [new LocalizedText("ro", "Întrebare")], ["ro", "ar"], null, null, Guid.Empty, "facilitator", Now));
        return WorkshopBoardFold.Apply(board, new ProposalSubmitted(ProposalId, Workshop, Sealed, [], Author, "participant", Now)).Board;
    }

    private static TextTranslated Translated(int version, int sourceVersion = 1) => new(Guid.CreateVersion7(), Workshop, TranslatedKind.Proposal,
        ProposalId, sourceVersion, "ro", "ar", version, TranslationOrigin.Human, null, new PersonalText(Author, "ar", $"v1:ar{version}"), null,
        Guid.Empty, "facilitator", Now);

    [Fact]
    public void a_translation_lands_on_the_board_and_a_newer_one_replaces_it_with_a_change_without_text()
    {
        var (board, change) = WorkshopBoardFold.Apply(Board(), Translated(1));
        (board, _) = WorkshopBoardFold.Apply(board, Translated(2));

        board.Translations.ShouldHaveSingleItem().Version.ShouldBe(2);
        change!.Type.ShouldBe("text.translated");
        System.Text.Json.JsonSerializer.Serialize(change.Data).ShouldNotContain("v1:ar1");
    }

    [Fact]
    public void an_amendment_makes_the_translation_stale_and_hiding_the_proposal_takes_it_off_the_board()
    {
        var (board, _) = WorkshopBoardFold.Apply(Board(), Translated(1));

        var (amended, change) = WorkshopBoardFold.Apply(board, new ProposalAmended(ProposalId, Workshop, 2, Sealed, Author, "participant", Now));
        amended.Translations.Single().Stale.ShouldBeTrue();
        change!.Type.ShouldBe("proposal.amended");
        WorkshopBoardFold.Apply(amended, Translated(2, sourceVersion: 2)).Board.Translations.Single().Stale.ShouldBeFalse();
        WorkshopBoardFold.Apply(board, new ProposalHidden(ProposalId, Workshop, "off topic", Guid.Empty, "facilitator", Now)).Board
            .Translations.ShouldBeEmpty();
    }

    [Fact]
    public void a_participants_text_is_translated_under_the_authors_key_and_a_staff_text_in_clear()
    {
        var ring = new KeyRing(new byte[32]);
        var (_, seal) = ring.Create("cluj-napoca", Author, Now);
        var actor = new Actor(Guid.CreateVersion7(), Roles.Facilitator);
        var proposal = new TranslationSource(TranslatedKind.Proposal, ProposalId, 3, "ro", Sealed, null);

        var e = TranslationContext.Decide(proposal, "ar", 1, TranslationOrigin.Human, null, "  نص  ", seal, actor, Workshop, Guid.CreateVersion7(), Now);

        e.ShouldSatisfyAllConditions(x => x.Version.ShouldBe(2), x => x.SourceVersion.ShouldBe(3), x => x.Text.ShouldBeNull(),
            x => x.Sealed!.Subject.ShouldBe(Author), x => seal.Open(x.Sealed!.Sealed).ShouldBe("نص"), x => x.By.ShouldBe(actor.Id));
        Should.Throw<SubjectErasedException>(() =>
            TranslationContext.Decide(proposal, "ar", 0, TranslationOrigin.Human, null, "x", null, actor, Workshop, Guid.CreateVersion7(), Now));
        var question = new TranslationSource(TranslatedKind.FocusQuestion, Workshop, 1, "ro", null, "Întrebare");
        TranslationContext.Decide(question, "ar", 0, TranslationOrigin.Machine, "LibreTranslate", "سؤال", null, actor, Workshop, Guid.CreateVersion7(), Now)
            .ShouldSatisfyAllConditions(x => x.Text.ShouldBe("سؤال"), x => x.Sealed.ShouldBeNull(), x => x.Engine.ShouldBe("LibreTranslate"));
    }
}
