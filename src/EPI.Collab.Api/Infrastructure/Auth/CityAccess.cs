using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;

namespace EPI.Collab.Api.Infrastructure.Auth;

/// <summary>
/// Read: everything of a city; Write: run its workshops; ReadPublished: only what the city has published;
/// Coordinate: own its process (review, strategy, pilots, transfer, organisations, personal data).
/// </summary>
public enum CityAccessLevel { Read, Write, ReadPublished, Coordinate }

/// <summary>
/// Who may act on a city's data. Admins everywhere; coordinators and facilitators only in their own city, and of these
/// only coordinators own the city process (<see cref="CityAccessLevel.Coordinate"/>): facilitators run workshops;
/// auditors read every city, or one when their token names it; observers read published material only
/// (the endpoint checks that what it returns is published). Everyone else is refused (403).
/// </summary>
public static class CityAccess
{
    public static bool Allows(ClaimsPrincipal user, string cityId, CityAccessLevel level)
    {
        var city = user.FindFirst(EpiClaims.City)?.Value;
        bool OwnCity() => string.Equals(city, cityId, StringComparison.Ordinal);

        foreach (var role in user.FindAll(EpiClaims.Role).Select(c => c.Value))
        {
            var allowed = role switch
            {
                Roles.Admin => true,
                Roles.Coordinator => OwnCity(),
                Roles.Facilitator => level != CityAccessLevel.Coordinate && OwnCity(),
                Roles.Auditor => level is (CityAccessLevel.Read or CityAccessLevel.ReadPublished) && (city is null || OwnCity()),
                Roles.Observer => level == CityAccessLevel.ReadPublished && (city is null || OwnCity()),
                _ => false
            };
            if (allowed) return true;
        }
        return false;
    }
}

/// <summary>Participants reach only the workshop their token was issued for; staff reach it through their city.</summary>
public static class WorkshopAccess
{
    /// <param name="staffLevel">What non-participants need on the city: read to follow the workshop, write to contribute.</param>
    /// <remarks>A participant still waiting to be admitted follows the workshop but does not contribute.</remarks>
    public static bool Allows(ClaimsPrincipal user, string cityId, Guid workshopId, CityAccessLevel staffLevel = CityAccessLevel.Read) =>
        IsParticipantOf(user, cityId, workshopId) && (staffLevel == CityAccessLevel.Read || !user.HasClaim(EpiClaims.Waiting, "true"))
        || CityAccess.Allows(user, cityId, staffLevel);

    /// <summary>Staff see what moderation hid from participants: admins and the city's coordinators and facilitators.</summary>
    public static bool IsStaffOf(ClaimsPrincipal user, string cityId) => CityAccess.Allows(user, cityId, CityAccessLevel.Write);

    public static bool IsParticipantOf(ClaimsPrincipal user, string cityId, Guid workshopId) =>
        user.HasClaim(EpiClaims.Role, Roles.Participant)
        && user.HasClaim(EpiClaims.City, cityId)
        && Guid.TryParse(user.FindFirst(EpiClaims.Workshop)?.Value, out var bound) && bound == workshopId;
}

/// <summary>The requirement behind the city policies; the city comes from the <c>cityId</c> route value or a <see cref="CityScope"/>.</summary>
public sealed record CityAccessRequirement(CityAccessLevel Level) : IAuthorizationRequirement;

/// <summary>An explicit city resource, for checks outside HTTP routing (the hub).</summary>
public sealed record CityScope(string CityId);

/// <param name="StaffLevel">The city access that admits a non-participant.</param>
public sealed record WorkshopAccessRequirement(CityAccessLevel StaffLevel) : IAuthorizationRequirement;

/// <summary>An explicit workshop resource, for checks outside HTTP routing (the hub).</summary>
public sealed record WorkshopScope(string CityId, Guid WorkshopId);

internal sealed class WorkshopAccessHandler : AuthorizationHandler<WorkshopAccessRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, WorkshopAccessRequirement requirement)
    {
        var scope = context.Resource switch
        {
            WorkshopScope s => s,
            HttpContext http when http.GetRouteValue("cityId") is string city
                && Guid.TryParse(http.GetRouteValue("workshopId") as string, out var workshop) => new WorkshopScope(city, workshop),
            _ => null
        };
        if (scope is not null && WorkshopAccess.Allows(context.User, scope.CityId, scope.WorkshopId, requirement.StaffLevel)) context.Succeed(requirement);
        return Task.CompletedTask;
    }
}

internal sealed class CityAccessHandler : AuthorizationHandler<CityAccessRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, CityAccessRequirement requirement)
    {
        var cityId = context.Resource switch
        {
            CityScope scope => scope.CityId,
            HttpContext http => http.GetRouteValue("cityId") as string,
            _ => null
        };
        if (cityId is not null && CityAccess.Allows(context.User, cityId, requirement.Level))
            context.Succeed(requirement);
        return Task.CompletedTask;
    }
}
