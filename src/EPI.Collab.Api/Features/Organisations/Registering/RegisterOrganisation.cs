using EPI.Collab.Api.Infrastructure.Contract;
using System.ComponentModel.DataAnnotations;
using EPI.Collab.Api.Infrastructure;
using EPI.Collab.Api.Infrastructure.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Marten;

namespace EPI.Collab.Api.Features.Organisations.Registering;

/// <param name="Name">The organisation's name; never a person's name.</param>
/// <param name="IsProjectPartner">True for EPI consortium partners (e.g. PATRIR, RECI).</param>
public sealed record RegisterOrganisation([property: StringLength(Organisation.MaxNameLength, MinimumLength = 2)] string Name, OrganisationType Type, OrganisationLevel Level, bool IsProjectPartner = false)
{
    public static RegisterOrganisation Example => new("Pro Arbeit – Kreis Offenbach", OrganisationType.PublicEmploymentService,
        OrganisationLevel.Regional);

    public Validation Check() => new Validation().CheckProfile(Name, Type, Level);
}

public static class RegisterOrganisationEndpoint
{
    public static ProblemDetails Validate(RegisterOrganisation command) =>
        command.Check().ToProblem();

    /// <summary>The decision: an organisation starts its own stream.</summary>
    public static OrganisationRegistered Decide(RegisterOrganisation command, string cityId, Guid organisationId, Actor actor,
        DateTimeOffset now) =>
        new(organisationId, cityId, command.Name.Trim(), command.Type, command.Level, command.IsProjectPartner, actor.Id, actor.Role, now);

    /// <summary>Register an organisation of the city (its coordinator or facilitator, or an admin).</summary>
    [WolverinePost("/api/cities/{cityId}/organisations", OperationId = "RegisterOrganisation")]
    [Authorize(Policy = Policies.CityCoordinator), Tags("Organisations")]
    public static (CreationResponse<Guid>, IStartStream) Post(RegisterOrganisation command, string cityId, Actor actor,
        DateTimeOffset now)
    {
        var registered = Decide(command, cityId, Guid.CreateVersion7(now), actor, now);
        return (new CreationResponse<Guid>($"/api/cities/{cityId}/organisations/{registered.OrganisationId}", registered.OrganisationId),
            MartenOps.StartStream<Organisation>(registered.OrganisationId, registered));
    }
}
