using System.Net;
using System.Net.Http.Json;
using EPI.Collab.Api.Features.Participants;
using EPI.Collab.Api.Features.Participants.Removing;
using EPI.Collab.Api.Features.Voting;
using EPI.Collab.Api.Features.Voting.Casting;
using EPI.Collab.Api.Infrastructure;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace EPI.Collab.Tests.Features.Voting;

/// <summary>
/// Issue #15 item 2: a phone's ballot reads its round, key and voter from this node's memory, not the database; the
/// memory is kept current by stream notices that every node receives when a removal, rules change or close commits;
/// and a removal the node has not heard of yet is still caught inside the ballot's commit. "Another node" is played by
/// writing to PostgreSQL behind this node's back and by sending the notice from a connection of the test's own.
/// </summary>
public class BallotCacheTests(AppFixture app) : IntegrationTest(app)
{
    private static readonly RoundRules Approval = new(VotingMethod.Approval, ResultsVisibility.Live, true, false);

    private async Task<NpgsqlConnection> Open()
    {
        var connection = new NpgsqlConnection(App.Database.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    /// <summary>Marks the participant removed in the stored document only: a write whose notice has not arrived yet.</summary>
    private async Task RemoveBehindTheCache(Guid participantId)
    {
        await using var connection = await Open();
        await using var command = new NpgsqlCommand(
            "update epi.mt_doc_participant set data = jsonb_set(data, '{standing}', to_jsonb(@removed::text)) where id = @id", connection);
        command.Parameters.AddWithValue("removed", nameof(ParticipantStanding.Removed));
        command.Parameters.AddWithValue("id", participantId);
        (await command.ExecuteNonQueryAsync()).ShouldBe(1);
    }

    /// <summary>Completes when this node's <see cref="StreamNotices"/> heard that <paramref name="streamId"/> changed.</summary>
    private Task Heard(Guid streamId)
    {
        var notices = App.Services.GetRequiredService<StreamNotices>();
        var heard = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnChanged(Guid id)
        {
            if (id != streamId) return;
            notices.Changed -= OnChanged;
            heard.TrySetResult();
        }
        notices.Changed += OnChanged;
        return heard.Task.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task a_removal_committed_on_one_node_is_announced_to_every_listening_connection()
    {
        var room = await VotingRoom.Open(App, Approval);
        var joined = await room.Workshop.JoinPhone();
        await using var listener = await Open();
        var payloads = new List<string>();
        listener.Notification += (_, e) => payloads.Add(e.Payload);
        await using (var listen = new NpgsqlCommand($"LISTEN {StreamNotices.Channel}", listener)) await listen.ExecuteNonQueryAsync();

        var removed = await room.Workshop.Staff.PostAsJsonAsync($"{room.Workshop.Url}/participants/{joined.ParticipantId}/remove",
            new RemoveParticipant(1, RemovalReason.DuplicateDevice), Json.Options);
        removed.StatusCode.ShouldBe(HttpStatusCode.OK);

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (!payloads.Any(p => p.Contains(joined.ParticipantId.ToString()))) await listener.WaitAsync(timeout.Token);
    }

    [Fact]
    public async Task the_participant_token_is_checked_from_memory_and_a_notice_from_another_node_makes_it_look_again()
    {
        var room = await VotingRoom.Open(App, Approval);
        var joined = await room.Workshop.JoinPhone();
        var phone = App.Client(joined.AccessToken);
        (await phone.GetAsync(room.RoundUrl)).StatusCode.ShouldBe(HttpStatusCode.OK); // this node now holds the participant

        await RemoveBehindTheCache(joined.ParticipantId);
        // No notice yet: the node answers from memory, so the stored removal is not seen (no read per request).
        (await phone.GetAsync(room.RoundUrl)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var heard = Heard(joined.ParticipantId);
        await using (var connection = await Open())
        await using (var notify = new NpgsqlCommand("select pg_notify(@channel, @ids)", connection))
        {
            notify.Parameters.AddWithValue("channel", StreamNotices.Channel);
            notify.Parameters.AddWithValue("ids", $"{Guid.CreateVersion7()},{joined.ParticipantId}");
            await notify.ExecuteNonQueryAsync();
        }
        await heard;

        (await phone.GetAsync(room.RoundUrl)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task a_ballot_of_a_participant_removed_elsewhere_before_the_notice_arrived_is_refused_in_the_commit_and_not_counted()
    {
        var room = await VotingRoom.Open(App, Approval);
        var joined = await room.Workshop.JoinPhone();
        var phone = new Phone(room, App.Client(joined.AccessToken));
        var stays = await room.Phone();
        (await phone.Http.GetAsync(room.RoundUrl)).StatusCode.ShouldBe(HttpStatusCode.OK);

        await RemoveBehindTheCache(joined.ParticipantId);
        var refused = await phone.Vote(null, new BallotMark(room.Option(0), 1));
        await stays.VoteOk(new BallotMark(room.Option(1), 1));

        refused.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await refused.Content.ReadFromJsonAsync<ProblemDetails>(Json.Options))!.Detail.ShouldBe("This participant was removed from the workshop.");
        var results = await room.ResultsOk();
        results.Ballots.Phone.ShouldBe(1);
    }

    [Fact]
    public async Task a_round_closed_on_another_node_refuses_the_ballot_in_the_commit_although_this_node_still_holds_it_open()
    {
        var room = await VotingRoom.Open(App, Approval);
        var phone = await room.Phone();
        await phone.VoteOk(new BallotMark(room.Option(0), 1)); // the round and its key are now in this node's memory
        var facts = App.Services.GetRequiredService<NoticedCache<VotingRound>>();
        (await facts.GetAsync(room.Workshop.CityId, room.Round.RoundId, CancellationToken.None))!.Status.ShouldBe(RoundStatus.Open);

        // The close as another node commits it, minus its notice: the stored round is closed, this node's copy is not.
        await using (var connection = await Open())
        await using (var close = new NpgsqlCommand(
            "update epi.mt_doc_votinground set data = jsonb_set(data, '{status}', to_jsonb(@closed::text)) where id = @id", connection))
        {
            close.Parameters.AddWithValue("closed", nameof(RoundStatus.Closed));
            close.Parameters.AddWithValue("id", room.Round.RoundId);
            (await close.ExecuteNonQueryAsync()).ShouldBe(1);
        }
        var late = await (await room.Phone()).Vote(null, new BallotMark(room.Option(1), 1));

        late.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await late.Content.ReadFromJsonAsync<ProblemDetails>(Json.Options))!.Extensions["code"]!.ToString().ShouldBe("round-closed");
        await using var session = App.Store.QuerySession(room.Workshop.CityId);
        (await session.Query<Ballot>().CountAsync(b => b.RoundId == room.Round.RoundId)).ShouldBe(1);
    }
}
