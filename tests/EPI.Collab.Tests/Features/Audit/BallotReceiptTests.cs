using System.Net;
using EPI.Collab.Api.Features.Audit.CheckingInclusion;
using EPI.Collab.Api.Features.Audit.IssuingReceipts;
using EPI.Collab.Api.Features.Voting;
using EPI.Collab.Tests.Features.Voting;
using EPI.Collab.Tests.Features.Workshops;
using Marten;
using Marten.Events;

namespace EPI.Collab.Tests.Features.Audit;

public sealed class BallotReceiptTests(AppFixture app) : IntegrationTest(app)
{
    private async Task<(VotingRoom Room, Phone Phone, BallotAccepted Accepted)> Voted()
    {
        var room = await VotingRoom.Open(App, new RoundRules(VotingMethod.Approval, ResultsVisibility.Live, true, true));
        var phone = await room.Phone();
        var accepted = await phone.VoteOk(new BallotMark(room.Option(0), 1));
        await App.Store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(15));
        return (room, phone, accepted);
    }

    private Task<ChainInclusion> Included(long sequence, string hash) =>
        App.Client().GetAsync($"/api/audit/chain/inclusion?sequence={sequence}&hash={hash}").ContinueWith(r => r.Result.Read<ChainInclusion>()).Unwrap();

    [Fact]
    public async Task a_voter_gets_a_receipt_that_anyone_can_check_anonymously()
    {
        var (room, phone, accepted) = await Voted();

        var response = await phone.Http.GetAsync($"{room.RoundUrl}/ballot/receipt");
        var receipt = await response.Read<BallotReceiptProof>();

        receipt.BallotId.ShouldBe(accepted.BallotId);
        receipt.Version.ShouldBe(accepted.Version);
        receipt.ChainHeadAtIssue.Sequence.ShouldBeGreaterThanOrEqualTo(receipt.Sequence);
        (await Included(receipt.Sequence, receipt.EventHash)).Included.ShouldBeTrue();
    }

    [Fact]
    public async Task a_forged_hash_is_not_included()
    {
        var (room, phone, _) = await Voted();
        var receipt = await (await phone.Http.GetAsync($"{room.RoundUrl}/ballot/receipt")).Read<BallotReceiptProof>();

        (await Included(receipt.Sequence, new string('a', 64))).Included.ShouldBeFalse();
        (await Included(receipt.Sequence + 1000, receipt.EventHash)).Included.ShouldBeFalse();
    }

    [Fact]
    public async Task after_the_close_the_ballot_id_kept_from_the_cast_gets_the_same_receipt()
    {
        var (room, phone, accepted) = await Voted();
        var before = await (await phone.Http.GetAsync($"{room.RoundUrl}/ballot/receipt")).Read<BallotReceiptProof>();
        (await room.Close()).EnsureSuccessStatusCode();

        (await phone.Http.GetAsync($"{room.RoundUrl}/ballot/receipt")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var after = await (await phone.Http.GetAsync($"{room.RoundUrl}/ballot/receipt?ballotId={accepted.BallotId}")).Read<BallotReceiptProof>();

        after.EventHash.ShouldBe(before.EventHash);
        after.Sequence.ShouldBe(before.Sequence);
    }

    [Fact]
    public async Task staff_get_no_receipt()
    {
        var (room, _, _) = await Voted();

        (await room.Workshop.Staff.GetAsync($"{room.RoundUrl}/ballot/receipt")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }
}
