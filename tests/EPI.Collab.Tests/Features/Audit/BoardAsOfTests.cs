using System.Net;
using System.Net.Http.Json;
using EPI.Collab.Api.Features.Audit.TimeTravel;
using EPI.Collab.Api.Features.Comments;
using EPI.Collab.Api.Features.Comments.Adding;
using EPI.Collab.Api.Features.PersonalData;
using EPI.Collab.Api.Features.ReferenceData;
using EPI.Collab.Api.Features.Voting;
using EPI.Collab.Api.Features.Voting.Closing;
using EPI.Collab.Api.Features.Voting.Opening;
using EPI.Collab.Api.Features.Workshops.Closing;
using EPI.Collab.Api.Features.Live;
using EPI.Collab.Api.Features.Workshops.StartingPhases;
using EPI.Collab.Tests.Features.Voting;
using EPI.Collab.Tests.Features.Workshops;
using Marten;

namespace EPI.Collab.Tests.Features.Audit;

public sealed class BoardAsOfTests(AppFixture app) : IntegrationTest(app)
{
    private readonly List<(string Step, long Sequence, DateTimeOffset At, WorkshopBoard Board)> _snapshots = [];

    /// <summary>The live board once the relay has caught up, and the head of the log it reflects.</summary>
    private async Task Snapshot(string step, LiveWorkshop workshop)
    {
        var board = await workshop.Board();
        var (sequence, at) = await App.LogHead();
        _snapshots.Add((step, sequence, at, board));
    }

    // The feed position is given per batch of the relay, not per event: the as-of board leaves it at 0.
    private static string Comparable(WorkshopBoard board) => AuditScenarios.Canonical(board with { Position = 0 });

    private static BallotMark M(Guid option) => new(option, 1);

    [Fact]
    public async Task the_board_as_of_each_moment_equals_the_live_board_seen_then()
    {
        var staff = await App.ClientFor("facilitator.cluj");
        var id = await staff.ScheduleOk("cluj-napoca", Scenarios.RoundTableWithAgenda());
        var scheduled = new LiveWorkshop(App, staff, "cluj-napoca", id, "", 1);
        await Snapshot("scheduled", scheduled);
        var opened = await staff.Open("cluj-napoca", id);
        var workshop = scheduled with { JoinCode = opened.JoinCode, Version = opened.Version };
        await Snapshot("opened", workshop);
        var phones = new List<HttpClient>();
        for (var i = 0; i < 3; i++) phones.Add(App.Client((await workshop.JoinPhone()).AccessToken));
        (workshop, _) = await workshop.Do($"/phases/{workshop.PhaseId(0)}/start", new StartPhase(workshop.Version));
        await Snapshot("joined", workshop);
        var proposals = new List<Guid>();
        foreach (var (phone, i) in phones.Select((p, i) => (p, i)))
            proposals.Add((await (await phone.PostAsJsonAsync($"{workshop.Url}/proposals",
                new { text = new LocalizedText("en", $"Idea {i + 1}: language cafés with employers") }, Json.Options)).Read<Scenarios.Created>()).Value);
        (await phones[1].PostAsJsonAsync($"{workshop.Url}/proposals/{proposals[0]}/comments",
            new AddComment(CommentKind.Support, new LocalizedText("en", "Yes, weekly."), 1), Json.Options)).EnsureSuccessStatusCode();
        await Snapshot("proposed", workshop);
        var round = (await (await workshop.Post("/rounds", new OpenRound([new LocalizedText("en", "Which first?")], proposals,
            new RoundRules(VotingMethod.Approval, ResultsVisibility.Live, true, false)))).Read<VotingRoom.CreationEnvelope>()).Value;
        await Snapshot("round opened", workshop);
        var room = new VotingRoom(workshop, proposals, round, 1);
        foreach (var (phone, i) in phones.Select((p, i) => (p, i)))
            await new Phone(room, phone).VoteOk(M(room.Option(i % 2)));
        await Snapshot("ballots", workshop);
        (await room.Close()).EnsureSuccessStatusCode();
        (await workshop.Post("/close", new CloseWorkshop(workshop.Version))).EnsureSuccessStatusCode();
        await Snapshot("closed", workshop);

        // Staff read texts in clear, as on the live board; an auditor sees them withheld unless they break the glass.
        var url = $"/api/cities/cluj-napoca/audit/workshops/{id}/board";
        foreach (var (step, sequence, at, board) in _snapshots)
        {
            var bySequence = await (await staff.GetAsync($"{url}?sequence={sequence}")).Read<AsOf<WorkshopBoard>>();
            var byTime = await (await staff.GetAsync($"{url}?asOf={Uri.EscapeDataString(at.ToString("O"))}")).Read<AsOf<WorkshopBoard>>();
            (step, Comparable(bySequence.State)).ShouldBe((step, Comparable(board)));
            (step, Comparable(byTime.State)).ShouldBe((step, Comparable(board)));
        }
        _snapshots[^2].Board.Rounds.Single().Results!.Ballots.Total.ShouldBe(3);
        var seenByAuditor = await (await (await App.ClientFor("auditor")).GetAsync($"{url}?sequence={_snapshots[^1].Sequence}"))
            .Read<AsOf<WorkshopBoard>>();
        seenByAuditor.State.Proposals.ShouldAllBe(p => p.Text!.State == PersonalTextState.Withheld && p.Text.Text == null);
        _snapshots.Select(s => Comparable(s.Board)).Distinct().Count().ShouldBe(_snapshots.Count);
    }

    [Fact]
    public async Task a_workshop_is_not_found_before_it_was_scheduled()
    {
        var before = await App.LogHead();
        var workshop = await App.OpenRoundTable();

        var response = await (await App.ClientFor("auditor")).GetAsync(
            $"/api/cities/{workshop.CityId}/audit/workshops/{workshop.Id}/board?sequence={before.Sequence}");

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await (await App.ClientFor("auditor")).GetAsync($"/api/cities/{workshop.CityId}/audit/workshops/{Guid.CreateVersion7()}/board"))
            .StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}
