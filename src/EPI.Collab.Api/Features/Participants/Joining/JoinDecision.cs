using EPI.Collab.Api.Features.Workshops;
using EPI.Collab.Api.Infrastructure;
using EPI.Collab.Api.Features.Workshops.Admitting;

namespace EPI.Collab.Api.Features.Participants.Joining;

public enum JoinRefusal { WorkshopFull, SeatCodeRequired, SeatCodeUnknown, SeatCodeUsed }

/// <summary>
/// Whether a new participant may enter, taken under the workshop's join lock (pure): the cap counts everyone admitted or
/// waiting; in SEAT_CODES mode the code must be this workshop's and unused; in FACILITATOR_ADMITS mode the participant waits.
/// </summary>
public static class JoinDecision
{
    public static (ParticipantJoined? Joined, JoinRefusal? Refusal) Decide(Workshop workshop, JoinWorkshop command, int inTheRoom,
        SeatCode? seat, Guid participantId, DateTimeOffset now) => workshop.Admission switch
    {
        _ when workshop.Cap is { } cap && inTheRoom >= cap => (null, JoinRefusal.WorkshopFull),
        AdmissionMode.SeatCodes when string.IsNullOrWhiteSpace(command.SeatCode) => (null, JoinRefusal.SeatCodeRequired),
        AdmissionMode.SeatCodes when seat is null || seat.WorkshopId != workshop.Id => (null, JoinRefusal.SeatCodeUnknown),
        AdmissionMode.SeatCodes when seat.Used => (null, JoinRefusal.SeatCodeUsed),
        _ => (new ParticipantJoined(participantId, workshop.Id, workshop.CityId, command.Group!.Value, command.PreferredLanguage, now,
            Pending: workshop.Admission == AdmissionMode.FacilitatorAdmits), null)
    };

    /// <summary>The limit a join burst is measured against: the cap, else the printed seats in SEAT_CODES mode.</summary>
    public static int? BurstLimit(Workshop workshop) =>
        workshop.Cap ?? (workshop.Admission == AdmissionMode.SeatCodes ? workshop.Seats : null);

    public static Microsoft.AspNetCore.Mvc.ProblemDetails Problem(JoinRefusal refusal) => refusal switch
    {
        JoinRefusal.WorkshopFull => Infrastructure.Problems.Conflict(
            "This workshop is full: the facilitator set a participant cap and it is reached.").WithCode("workshop-full"),
        JoinRefusal.SeatCodeRequired => new Infrastructure.Validation()
            .Add("seatCode", "This workshop admits by seat code: type the code printed on your seat card.", "seat-code-required").ToProblem().WithCode("seat-code-required"),
        JoinRefusal.SeatCodeUnknown => new Infrastructure.Validation()
            .Add("seatCode", "This is not a seat code of this workshop.", "seat-code-unknown").ToProblem().WithCode("seat-code-unknown"),
        _ => Infrastructure.Problems.Conflict("This seat code was already used; ask the facilitator for another.").WithCode("seat-code-used")
    };
}
