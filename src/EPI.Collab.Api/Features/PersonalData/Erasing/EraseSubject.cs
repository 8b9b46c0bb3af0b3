using EPI.Collab.Api.Features.Participants;
using EPI.Collab.Api.Infrastructure;
using EPI.Collab.Api.Infrastructure.Auth;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Marten;

namespace EPI.Collab.Api.Features.PersonalData.Erasing;

/// <param name="Ground">The Art. 17(1) ground.</param>
/// <param name="ExceptionsChecked">Staff confirm that no Art. 17(3) exception (e.g. a legal retention duty) applies.</param>
public sealed record EraseSubject(ErasureGround Ground, bool ExceptionsChecked)
{
    public static EraseSubject Example => new(ErasureGround.ConsentWithdrawn, true);
}

public sealed record SubjectErased(Guid SubjectId, DateTimeOffset ErasedAt);

public static class EraseSubjectEndpoint
{
    public static async Task<(SubjectKey?, SubjectErasure?)> LoadAsync(Guid subjectId, IQuerySession session, CancellationToken ct) =>
        (await session.LoadAsync<SubjectKey>(subjectId, ct), await session.LoadAsync<SubjectErasure>(SubjectErasure.StreamId(subjectId), ct));

    public static ProblemDetails Validate(EraseSubject command, SubjectKey? key, SubjectErasure? erasure, Guid subjectId) =>
        !Enum.IsDefined(command.Ground) ? new Validation().Add("ground", "Unknown ground.").ToProblem()
        : !command.ExceptionsChecked
            ? new Validation().Add("exceptionsChecked", "Confirm that no Art. 17(3) exception applies before erasing.").ToProblem()
        : erasure is not null ? Problems.RuleViolated($"Subject {subjectId} was already erased on {erasure.RequestedAt:u}.").WithCode("subject-already-erased")
        : key is null ? Problems.NotFound($"There are no personal data of subject {subjectId} in this city.")
        : WolverineContinue.NoProblems;

    public static (SubjectErasureRequested, SubjectKeyShredded) Decide(EraseSubject command, Guid subjectId, Actor actor, DateTimeOffset now) =>
        (new SubjectErasureRequested(subjectId, command.Ground, actor.Id, actor.Role, now), new SubjectKeyShredded(subjectId, now));

    /// <summary>
    /// Erase a participant's (or staff member's) personal data in this city by destroying their key: their display name,
    /// proposal and comment texts read "[erased]" everywhere from now on, in every read model and every copy of the log,
    /// while their ballots stay counted anonymously and the hash chain still verifies (it covers the ciphertext).
    /// </summary>
    [WolverinePost("/api/cities/{cityId}/subjects/{subjectId}/erasure", OperationId = "EraseSubject")]
    [Authorize(Policy = Policies.CityCoordinator), Tags("Personal data")]
    public static (SubjectErased, IStartStream) Post(EraseSubject command, Guid subjectId, Actor actor, IDocumentSession session,
        DateTimeOffset now)
    {
        var (requested, shredded) = Decide(command, subjectId, actor, now);
        session.Delete<SubjectKey>(subjectId);
        session.Delete<ParticipantProfile>(subjectId);
        return (new SubjectErased(subjectId, now), MartenOps.StartStream<SubjectErasure>(SubjectErasure.StreamId(subjectId), requested, shredded));
    }
}
