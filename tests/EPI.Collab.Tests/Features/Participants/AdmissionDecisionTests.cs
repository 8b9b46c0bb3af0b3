using EPI.Collab.Api.Features.Participants;
using EPI.Collab.Api.Features.Participants.GettingRoom;
using EPI.Collab.Api.Features.Participants.Joining;
using EPI.Collab.Api.Features.Participants.Removing;
using EPI.Collab.Api.Features.Voting;
using EPI.Collab.Api.Features.Workshops;
using EPI.Collab.Api.Features.Workshops.Admitting;
using EPI.Collab.Api.Infrastructure.Auth;

namespace EPI.Collab.Tests.Features.Participants;

/// <summary>The pure decisions of admission: joins under a mode and cap, removal and its voidings, the room by group, the burst meter.</summary>
[Trait(Lane.Name, Lane.Unit)]
public class AdmissionDecisionTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 5, 9, 0, 0, TimeSpan.Zero);
    private static readonly Workshop Live = new(Guid.CreateVersion7(), "cluj-napoca", WorkshopStatus.Open, [], null, "F3YMKE");
    private static readonly JoinWorkshop Command = new("F3YMKE", StakeholderGroup.Business, "ro");

    private static (ParticipantJoined?, JoinRefusal?) Join(Workshop workshop, int inTheRoom = 0, SeatCode? seat = null, string? code = null) =>
        JoinDecision.Decide(workshop, Command with { SeatCode = code }, inTheRoom, seat, Guid.CreateVersion7(), Now);

    [Fact]
    public void open_mode_admits_and_facilitator_mode_makes_the_join_wait()
    {
        Join(Live).Item1!.Pending.ShouldBeFalse();
        Join(Live with { Admission = AdmissionMode.FacilitatorAdmits }).Item1!.Pending.ShouldBeTrue();
        Participant.Create(Join(Live with { Admission = AdmissionMode.FacilitatorAdmits }).Item1!).Standing.ShouldBe(ParticipantStanding.Pending);
    }

    [Fact]
    public void the_cap_counts_everyone_in_the_room_in_every_mode()
    {
        Join(Live with { Cap = 3 }, inTheRoom: 2).Item2.ShouldBeNull();
        Join(Live with { Cap = 3 }, inTheRoom: 3).Item2.ShouldBe(JoinRefusal.WorkshopFull);
        Join(Live with { Cap = 3, Admission = AdmissionMode.FacilitatorAdmits }, inTheRoom: 3).Item2.ShouldBe(JoinRefusal.WorkshopFull);
    }

    [Fact]
    public void a_seat_code_must_be_given_of_this_workshop_and_unused()
    {
        var seats = Live with { Admission = AdmissionMode.SeatCodes, Seats = 2 };
        Join(seats).Item2.ShouldBe(JoinRefusal.SeatCodeRequired);
        Join(seats, code: "AAAAAAAA").Item2.ShouldBe(JoinRefusal.SeatCodeUnknown);
        Join(seats, seat: new SeatCode("AAAAAAAA", Guid.CreateVersion7(), Now), code: "AAAAAAAA").Item2.ShouldBe(JoinRefusal.SeatCodeUnknown);
        Join(seats, seat: new SeatCode("AAAAAAAA", Live.Id, Now, Used: true), code: "AAAAAAAA").Item2.ShouldBe(JoinRefusal.SeatCodeUsed);
        Join(seats, seat: new SeatCode("AAAAAAAA", Live.Id, Now), code: "AAAAAAAA").Item1.ShouldNotBeNull();
        JoinDecision.BurstLimit(seats).ShouldBe(2);
        JoinDecision.BurstLimit(seats with { Cap = 1 }).ShouldBe(1);
        JoinDecision.BurstLimit(Live).ShouldBeNull();
    }

    [Fact]
    public void removal_voids_only_ballots_not_voided_yet_and_names_no_voter_in_them()
    {
        var participant = new Participant(Guid.CreateVersion7(), Live.Id, StakeholderGroup.Business, "ro");
        Ballot Ballot(bool voided = false) => new(Guid.CreateVersion7(), Guid.CreateVersion7(), Live.Id, [new BallotMark(Guid.CreateVersion7(), 1)],
            StakeholderGroup.Business, BallotChannel.Phone, 1, voided);
        var open = Ballot();

        var (removed, voided) = RemoveParticipantEndpoint.Decide(participant, RemovalReason.Disruptive, [open, Ballot(voided: true)],
            new Actor(Guid.CreateVersion7(), Roles.Facilitator), Now);

        removed.Reason.ShouldBe(RemovalReason.Disruptive);
        participant.Apply(removed).InTheRoom.ShouldBeFalse();
        voided.Single().BallotId.ShouldBe(open.Id);
        voided.Single().Reason.ShouldBe(RemovalReason.Disruptive);
        System.Text.Json.JsonSerializer.Serialize(voided.Single()).ShouldNotContain(participant.Id.ToString());
        open.Apply(voided.Single()).Voided.ShouldBeTrue();
    }

    [Fact]
    public void the_room_folds_small_groups_into_other_and_a_total_that_would_reveal_them()
    {
        Participant P(StakeholderGroup g) => new(Guid.CreateVersion7(), Live.Id, g, "en");
        var five = Enumerable.Range(0, 5).Select(_ => P(StakeholderGroup.Resident)).ToList();

        var lone = GetRoomEndpoint.Count([.. five, P(StakeholderGroup.Business)]);
        lone.Admitted.ShouldBe("<10");
        lone.Groups.ShouldBe([new RoomGroup("RESIDENT", "5"), new RoomGroup("OTHER", "<5")]);
        GetRoomEndpoint.Count([.. five, .. Enumerable.Range(0, 5).Select(i => P(i % 2 == 0 ? StakeholderGroup.Business : StakeholderGroup.Academia))])
            .ShouldSatisfyAllConditions(r => r.Admitted.ShouldBe("10"), r => r.Groups.Last().ShouldBe(new RoomGroup("OTHER", "5")));
        GetRoomEndpoint.Count(five).ShouldSatisfyAllConditions(r => r.Admitted.ShouldBe("5"), r => r.Groups.Count.ShouldBe(1));
    }

    [Fact]
    public void the_burst_meter_alerts_past_the_limit_within_a_minute_and_not_again_within_ten_seconds()
    {
        var meter = new JoinMeter(null!);
        var id = Guid.CreateVersion7();
        for (var i = 0; i < 3; i++) meter.Record(id, 3, refused: false, Now.AddSeconds(i)).ShouldBeNull();

        var alert = meter.Record(id, 3, refused: true, Now.AddSeconds(3));
        var soon = meter.Record(id, 3, refused: true, Now.AddSeconds(5));
        var later = meter.Record(id, 3, refused: true, Now.AddSeconds(14));
        var quiet = new JoinMeter(null!);
        for (var i = 0; i < 5; i++) quiet.Record(id, 3, refused: false, Now.AddSeconds(i * 30)).ShouldBeNull();

        alert.ShouldNotBeNull();
        (alert.Joins, alert.Refused, alert.Limit).ShouldBe((4, 1, 3));
        soon.ShouldBeNull();
        later!.Refused.ShouldBe(3);
        meter.Record(Guid.CreateVersion7(), null, refused: true, Now).ShouldBeNull();
    }
}
