using EPI.Collab.Api.Features.Audit;
using EPI.Collab.Audit;

namespace EPI.Collab.Tests.Features.Audit;

/// <summary>
/// The service links events by writing their UTF-8 into a pooled buffer; the offline verifier's recipe
/// (<see cref="ChainRecipe"/>) hashes one string of the whole text. Both must give the same hash for any event.
/// </summary>
[Trait(Lane.Name, Lane.Unit)]
public sealed class ChainLinkTests
{
    public static TheoryData<string, string, string, string, string> Events => new()
    {
        { "mt_tenant", "ballot_cast", """{"roundId":"0196f3a0-7c1e-7a52-9c3b-5d1e2f3a4b5c","marks":[{"score":2}]}""", "riga", "0" },
        { "", "", "", "", "1" },
        { "łódź-ćma", "proposal_submitted", """{"text":"Integracja 🌍 für alle — café, Ελληνικά, العربية"}""", "lublin", "9223372036854775807" },
        { "a\nb", "type\nwith\nlines", "{\"x\":\"\\n\"}", "cluj-napoca", "42" },
        { "lone", "surrogates", "\ud800 high alone, low alone \udc00, and at the end \ud83d", "ravenna", "7" },
        { "big", "big", new string('é', 50_000) + "🎉", "linkoping", "123456789" }
    };

    [Theory]
    [MemberData(nameof(Events))]
    public void a_link_is_the_verifier_s_recipe(string streamId, string type, string data, string tenantId, string sequence)
    {
        var row = new EventRow(long.Parse(sequence), Guid.CreateVersion7(), streamId, tenantId, type, data, DateTimeOffset.UtcNow);
        foreach (var previous in new[] { Chain.Genesis, new string('f', 64), "" })
            Chain.Link(previous, row).ShouldBe(ChainRecipe.Link(previous, row.EventId, row.Sequence, row.StreamId, row.TenantId, row.Type, row.Data));
    }

    [Fact]
    public void the_same_buffer_twice_gives_the_same_hash_and_a_changed_byte_another()
    {
        var row = new EventRow(5, Guid.CreateVersion7(), Guid.NewGuid().ToString(), "riga", "ballot_cast", """{"a":1}""", DateTimeOffset.UtcNow);
        var first = Chain.Link(Chain.Genesis, row);
        Chain.Link(Chain.Genesis, row).ShouldBe(first);
        Chain.Link(Chain.Genesis, row with { Data = """{"a":2}""" }).ShouldNotBe(first);
        Chain.Link(Chain.Genesis, row with { Sequence = 6 }).ShouldNotBe(first);
    }
}
