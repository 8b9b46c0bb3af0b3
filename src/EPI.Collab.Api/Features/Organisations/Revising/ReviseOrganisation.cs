using EPI.Collab.Api.Infrastructure.Contract;
using System.ComponentModel.DataAnnotations;
using EPI.Collab.Api.Infrastructure;
using EPI.Collab.Api.Infrastructure.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Marten;

namespace EPI.Collab.Api.Features.Organisations.Revising;

/// <param name="Version">The organisation's version the editor saw (optimistic concurrency).</param>
public sealed record ReviseOrganisation([property: ExpectedVersion] int Version, [property: StringLength(Organisation.MaxNameLength, MinimumLength = 2)] string Name, OrganisationType Type, OrganisationLevel Level, bool IsProjectPartner)
{
    public static ReviseOrganisation Example => new(1, "Pro Arbeit – Kreis Offenbach (AöR)", OrganisationType.PublicEmploymentService,
        OrganisationLevel.Regional, true);

    public Validation Check() => new Validation().CheckProfile(Name, Type, Level);
}

public static class ReviseOrganisationEndpoint
{
    public static ProblemDetails Validate(ReviseOrganisation command, Organisation? organisation, Guid organisationId) =>
        organisation is null ? OrganisationRules.NotFound(organisationId) : command.Check().ToProblem();

    /// <summary>The decision: the new values replace the old ones; the stream keeps every earlier version.</summary>
    public static OrganisationRevised Decide(ReviseOrganisation command, Organisation organisation, Actor actor, DateTimeOffset now) =>
        new(organisation.Id, organisation.CityId, command.Name.Trim(), command.Type, command.Level, command.IsProjectPartner,
            actor.Id, actor.Role, now);

    /// <summary>Change an organisation's name, type, level or partner status (coordinator).</summary>
    [WolverinePost("/api/cities/{cityId}/organisations/{organisationId}/revise", OperationId = "ReviseOrganisation")]
    [Authorize(Policy = Policies.CityCoordinator), Tags("Organisations")]
    public static (UpdatedAggregate, Events) Post(ReviseOrganisation command, [WriteAggregate] Organisation organisation,
        Actor actor, DateTimeOffset now) =>
        (new UpdatedAggregate(), [Decide(command, organisation, actor, now)]);
}
