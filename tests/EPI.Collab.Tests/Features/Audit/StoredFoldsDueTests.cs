using EPI.Collab.Api.Features.Audit.TimeTravel;

namespace EPI.Collab.Tests.Features.Audit;

/// <summary>Where the daemon stores the states of a page: at each event at least K after the state before it.</summary>
[Trait(Lane.Name, Lane.Unit)]
public class StoredFoldsDueTests
{
    [Fact]
    public void a_page_of_many_events_stores_a_state_every_k_of_them_not_one_at_its_end()
    {
        StoredFoldsKeeper.Due([101, 102, 103, 104, 105, 106, 107, 108, 109, 110], last: 100, every: 4).ShouldBe([104, 108]);
        StoredFoldsKeeper.Due([103, 150, 151, 160], last: 100, every: 4).ShouldBe([150, 160]); // gaps: the first event K or more on
        StoredFoldsKeeper.Due([101, 102, 103], last: 100, every: 4).ShouldBeEmpty();
    }
}
