using System.Net;
using System.Net.Http.Json;
using EPI.Collab.Api.Features.Decisions;
using EPI.Collab.Api.Features.Decisions.Recording;
using EPI.Collab.Api.Features.ReferenceData;
using EPI.Collab.Api.Features.Voting;
using EPI.Collab.Tests.Features.Voting;
using EPI.Collab.Tests.Features.Workshops;

namespace EPI.Collab.Tests.Features.Decisions;

public class RecordDecisionTests(AppFixture app) : IntegrationTest(app)
{
    private static RecordDecision Decision(VotingRoom room, params Guid[] adopted) => new([room.Round.RoundId], "top 1 by approvals",
        adopted, new LocalizedText("en", "Most supported; feasible within the pilot budget."),
        [new LocalizedText("ro", "Asociația X consideră că lipsește finanțarea.")]);

    [Fact]
    public async Task a_decision_on_a_closed_round_pins_the_adopted_proposal_versions()
    {
        var room = await VotingRoom.Open(App, new RoundRules(VotingMethod.Approval, ResultsVisibility.Live, true, false));
        await (await room.Phone()).VoteOk(new BallotMark(room.Option(1), 1));
        (await room.Close()).EnsureSuccessStatusCode();

        var response = await room.Workshop.Staff.PostAsJsonAsync($"{room.Workshop.Url}/decisions", Decision(room, room.Proposals[1]), Json.Options);

        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        var decision = await (await room.Workshop.Staff.GetAsync(response.Headers.Location)).Read<DecisionRecord>();
        decision.Adopted.ShouldBe([new AdoptedProposal(room.Proposals[1], room.Round.Options[1].ProposalVersion)]);
        decision.RuleApplied.ShouldBe("top 1 by approvals");
        decision.Dissent.Single().Lang.ShouldBe("ro");
    }

    [Fact]
    public async Task a_decision_needs_closed_rounds_and_options_of_them()
    {
        var room = await VotingRoom.Open(App, new RoundRules(VotingMethod.Approval, ResultsVisibility.Live, true, false));

        (await room.Workshop.Staff.PostAsJsonAsync($"{room.Workshop.Url}/decisions", Decision(room, room.Proposals[0]), Json.Options))
            .StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await room.Close()).EnsureSuccessStatusCode();
        (await room.Workshop.Staff.PostAsJsonAsync($"{room.Workshop.Url}/decisions", Decision(room, Guid.CreateVersion7()), Json.Options))
            .StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task participants_read_decisions_but_cannot_record_them()
    {
        var room = await VotingRoom.Open(App, new RoundRules(VotingMethod.Approval, ResultsVisibility.Live, true, false));
        var phone = await room.Phone();
        (await room.Close()).EnsureSuccessStatusCode();

        (await phone.Http.PostAsJsonAsync($"{room.Workshop.Url}/decisions", Decision(room, room.Proposals[0]), Json.Options))
            .StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await phone.Http.GetAsync($"{room.Workshop.Url}/decisions")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}
