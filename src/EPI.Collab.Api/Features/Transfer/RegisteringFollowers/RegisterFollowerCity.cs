using EPI.Collab.Api.Infrastructure.Contract;
using System.ComponentModel.DataAnnotations;
using EPI.Collab.Api.Infrastructure;
using EPI.Collab.Api.Infrastructure.Auth;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Marten;

namespace EPI.Collab.Api.Features.Transfer.RegisteringFollowers;

/// <param name="Name">The municipality's name; never a person's name.</param>
/// <param name="Country">ISO 3166-1 alpha-2, e.g. "HU".</param>
/// <param name="ContactOrganisationId">An organisation of this city that keeps the contact, if any.</param>
/// <param name="SourceActivityId">The transfer activity of this city where the follower met the method, if any.</param>
/// <param name="MentorCityId">One of the seven EPI cities; the owning city when left out.</param>
public sealed record RegisterFollowerCity([property: StringLength(200, MinimumLength = 2)] string Name, [property: StringLength(2, MinimumLength = 2)] string Country, InterestLevel InterestLevel, [property: Length(1, 20), UniqueItems] IReadOnlyList<ReplicationMethod> MethodsOfInterest,
    Guid? ContactOrganisationId = null, Guid? SourceActivityId = null, [property: StringLength(100, MinimumLength = 1)] string? MentorCityId = null)
{
    public static RegisterFollowerCity Example => new("Oradea", "RO", InterestLevel.Interested,
        [ReplicationMethod.InterculturalReview, ReplicationMethod.PolicyDesignProcess]);

    public Validation Check() => new Validation()
        .RequireLength(Name, "name", 2, 200)
        .Require(FollowerRules.IsCountryCode(Country), "country", "An ISO 3166-1 alpha-2 code, e.g. \"HU\".")
        .Require(Enum.IsDefined(InterestLevel), "interestLevel", "AWARE, INTERESTED, COMMITTED or REPLICATING.")
        .Require(MethodsOfInterest is { Count: > 0 } && MethodsOfInterest.All(Enum.IsDefined), "methodsOfInterest",
            "One or more of INTERCULTURAL_REVIEW, POLICY_DESIGN_PROCESS, PILOT_STRATEGY.")
        .Require(ContactOrganisationId != Guid.Empty, "contactOrganisationId", "An organisation id or nothing.")
        .Require(MentorCityId is null || FollowerRules.IsEpiCity(MentorCityId), "mentorCityId", "One of the seven EPI cities.");
}

public static class RegisterFollowerCityEndpoint
{
    public static async Task<TransferActivity?> LoadAsync(RegisterFollowerCity command, IQuerySession session, CancellationToken ct) =>
        command.SourceActivityId is { } id ? await session.LoadAsync<TransferActivity>(id, ct) : null;

    public static ProblemDetails Validate(RegisterFollowerCity command, TransferActivity? source) =>
        command.Check() is { IsValid: false } invalid ? invalid.ToProblem()
        : command.SourceActivityId is { } id && source is null ? Problems.RuleViolated($"There is no transfer activity {id} in this city.")
        : WolverineContinue.NoProblems;

    /// <summary>The decision: a follower city starts its own stream; the owning city mentors it unless another is named.</summary>
    public static FollowerCityRegistered Decide(RegisterFollowerCity command, string cityId, Guid followerCityId, Actor actor, DateTimeOffset now) =>
        new(followerCityId, cityId, command.Name.Trim(), command.Country, command.ContactOrganisationId, command.InterestLevel,
            [.. command.MethodsOfInterest.Distinct()], command.SourceActivityId, command.MentorCityId ?? cityId, actor.Id, actor.Role, now);

    /// <summary>Register a follower city of this EPI city (coordinator).</summary>
    [WolverinePost("/api/cities/{cityId}/transfer/followers", OperationId = "RegisterFollowerCity")]
    [Authorize(Policy = Policies.CityCoordinator), Tags("Transfer")]
    public static (CreationResponse<Guid>, IStartStream) Post(RegisterFollowerCity command, string cityId, Actor actor, DateTimeOffset now)
    {
        var registered = Decide(command, cityId, Guid.CreateVersion7(now), actor, now);
        return (new CreationResponse<Guid>($"/api/cities/{cityId}/transfer/followers/{registered.FollowerCityId}", registered.FollowerCityId),
            MartenOps.StartStream<FollowerCity>(registered.FollowerCityId, registered));
    }
}
