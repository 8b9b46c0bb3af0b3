using EPI.Collab.Api.Features.Workshops;
using EPI.Collab.Api.Infrastructure.Auth;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Persistence;

namespace EPI.Collab.Api.Features.Participants.GettingRoom;

/// <param name="Group">A stakeholder group of five or more, or OTHER: every smaller group (never named) and OTHER itself.</param>
/// <param name="Count">The number of admitted participants, or "&lt;5" for 1 to 4 (decided here, not by the page).</param>
public sealed record RoomGroup(string Group, string Count);

/// <summary>A participant the console can admit, refuse or remove: a pseudonym, never a group or a name.</summary>
public sealed record RoomParticipant(Guid ParticipantId, string Pseudonym, ParticipantStanding Standing, DateTimeOffset? JoinedAt, int Version);

/// <summary>Who is in the room, as the facilitator's console shows it.</summary>
/// <param name="Admitted">Everyone admitted; when the OTHER row is "&lt;5" the total would reveal it, so it is given as "&lt;N" then.</param>
/// <param name="Waiting">Joins waiting for the facilitator (FACILITATOR_ADMITS), oldest first.</param>
/// <param name="Participants">Admitted participants, newest first, for removal.</param>
public sealed record Room(Guid WorkshopId, AdmissionMode Admission, int? Cap, int Seats, string Admitted, IReadOnlyList<RoomGroup> Groups,
    IReadOnlyList<RoomParticipant> Waiting, IReadOnlyList<RoomParticipant> Participants);

public static class GetRoomEndpoint
{
    public const int MinGroupSize = 5;
    public const string Small = "<5";

    public static ProblemDetails Validate(Workshop? workshop, Guid workshopId) =>
        workshop is null ? WorkshopProblems.NotFound(workshopId) : WolverineContinue.NoProblems;

    /// <summary>
    /// The room by group (pure), folded as results are: groups of five or more by name, every smaller group with OTHER (a
    /// lone BUSINESS person is not even named); an OTHER of 1–4 is "&lt;5", and then the total is not exact either.
    /// </summary>
    public static (string Admitted, IReadOnlyList<RoomGroup> Groups) Count(IReadOnlyList<Participant> admitted)
    {
        var large = admitted.GroupBy(p => p.Group).Where(g => g.Key != StakeholderGroup.Other && g.Count() >= MinGroupSize).OrderBy(g => g.Key)
            .Select(g => new RoomGroup(Name(g.Key), g.Count().ToString())).ToList();
        var shown = large.Sum(g => int.Parse(g.Count));
        var rest = admitted.Count - shown;
        if (rest == 0) return (shown.ToString(), large);
        var small = rest < MinGroupSize;
        return (small ? $"<{shown + MinGroupSize}" : admitted.Count.ToString(),
            [.. large, new RoomGroup(Voting.Counting.Tally.OtherGroup, small ? Small : rest.ToString())]);
    }

    private static string Name(StakeholderGroup group) => System.Text.Json.JsonNamingPolicy.SnakeCaseUpper.ConvertName(group.ToString());

    /// <summary>Who is in the room by stakeholder group (small groups suppressed), the joins waiting to be admitted, and the participants.</summary>
    [WolverineGet("/api/cities/{cityId}/workshops/{workshopId}/room", OperationId = "GetRoom")]
    [Authorize(Policy = Policies.CityStaff), Tags("Admission")]
    public static async Task<Room> Get([Entity("workshopId", Required = false)] Workshop workshop, IQuerySession session, CancellationToken ct)
    {
        var people = await session.Query<Participant>().Where(p => p.WorkshopId == workshop.Id
            && (p.Standing == ParticipantStanding.Admitted || p.Standing == ParticipantStanding.Pending)).ToListAsync(ct);
        var admitted = people.Where(p => p.Standing == ParticipantStanding.Admitted).ToList();
        var (total, groups) = Count(admitted);
        RoomParticipant Row(Participant p) => new(p.Id, p.Pseudonym, p.Standing, p.JoinedAt, p.Version);
        return new Room(workshop.Id, workshop.Admission, workshop.Cap, workshop.Seats, total, groups,
            [.. people.Where(p => p.Standing == ParticipantStanding.Pending).OrderBy(p => p.JoinedAt).Select(Row)],
            [.. admitted.OrderByDescending(p => p.JoinedAt).Select(Row)]);
    }
}
