using System.Net;
using System.Net.Http.Json;
using EPI.Collab.Api.Features.Proposals.Amending;
using EPI.Collab.Api.Features.Audit.TimeTravel;
using EPI.Collab.Api.Features.Proposals.GettingDetails;
using EPI.Collab.Api.Features.ReferenceData;
using EPI.Collab.Api.Features.Voting;
using EPI.Collab.Api.Features.Voting.Counting;
using EPI.Collab.Tests.Features.Voting;
using EPI.Collab.Tests.Features.Workshops;

namespace EPI.Collab.Tests.Features.Audit;

public class TimeMachineTests(AppFixture app) : IntegrationTest(app)
{
    private static BallotMark M(Guid option, int value) => new(option, value);

    [Fact]
    public async Task round_results_as_of_a_sequence_or_instant_equal_the_snapshots_taken_then()
    {
        var room = await VotingRoom.Open(App, new RoundRules(VotingMethod.Dot, ResultsVisibility.Live, true, false, DotBudget: 5, MaxDotsPerOption: 3));
        var changer = await room.Phone();
        await changer.VoteOk(M(room.Option(0), 3));
        await (await room.Phone()).VoteOk(M(room.Option(1), 2), M(room.Option(2), 1));
        var snapshotA = await room.ResultsOk();
        var a = await App.LogHead();
        await changer.VoteOk(M(room.Option(2), 3), M(room.Option(1), 1));
        await (await room.Phone()).VoteOk(M(room.Option(2), 2));
        (await room.Close()).EnsureSuccessStatusCode();
        var snapshotB = await room.ResultsOk();
        var b = await App.LogHead();
        await (await room.Phone()).Vote(null, M(room.Option(0), 1)); // refused after the close: changes nothing

        var auditor = await room.Auditor();
        var url = $"{room.AuditUrl()}/rounds/{room.Round.RoundId}/results";
        var atA = await (await auditor.GetAsync($"{url}?sequence={a.Sequence}")).Read<AsOf<RoundResults>>();
        var atB = await (await auditor.GetAsync($"{url}?asOf={Uri.EscapeDataString(b.At.ToString("O"))}")).Read<AsOf<RoundResults>>();

        AuditScenarios.Canonical(atA.State).ShouldBe(AuditScenarios.Canonical(snapshotA));
        AuditScenarios.Canonical(atB.State).ShouldBe(AuditScenarios.Canonical(snapshotB));
        atA.State.Status.ShouldBe(RoundStatus.Open);
        atB.Sequence.ShouldBe(b.Sequence);
        AuditScenarios.Canonical(atA.State).ShouldNotBe(AuditScenarios.Canonical(atB.State));
    }

    [Fact]
    public async Task a_proposal_as_of_a_sequence_has_only_the_text_versions_it_had_then()
    {
        var room = await VotingRoom.Open(App, new RoundRules(VotingMethod.Approval, ResultsVisibility.Live, true, false));
        var proposal = room.Proposals[0];
        var before = await App.LogHead();
        (await room.Workshop.Staff.PostAsJsonAsync($"{room.Workshop.Url}/proposals/{proposal}/amend",
            new AmendProposal(1, new LocalizedText("en", "Mentoring for newcomers, twice a week")), Json.Options)).EnsureSuccessStatusCode();

        var auditor = await room.Auditor();
        var then = await (await auditor.GetAsync($"{room.AuditUrl()}/proposals/{proposal}?sequence={before.Sequence}")).Read<AsOf<ProposalDetails>>();
        var now = await (await auditor.GetAsync($"{room.AuditUrl()}/proposals/{proposal}")).Read<AsOf<ProposalDetails>>();

        then.State.Versions.Count.ShouldBe(1);
        now.State.Versions.Count.ShouldBe(2);
        (await auditor.GetAsync($"{room.AuditUrl()}/proposals/{proposal}?sequence=1")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}
