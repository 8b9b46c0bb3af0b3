using System.Net.Http.Json;
using EPI.Collab.Api.Features.Organisations;
using EPI.Collab.Api.Features.Organisations.Registering;
using EPI.Collab.Tests.Features.Workshops;

namespace EPI.Collab.Tests.Features.Organisations;

/// <summary>Arrange helpers for organisations, through the public API.</summary>
public static class OrganisationScenarios
{
    public static RegisterOrganisation JobCentre(string name = "Agenția Județeană pentru Ocuparea Forței de Muncă Cluj") =>
        new(name, OrganisationType.PublicEmploymentService, OrganisationLevel.Regional);

    public static string OrganisationsUrl(string cityId) => $"/api/cities/{cityId}/organisations";

    public static Task<HttpResponseMessage> RegisterOrganisation(this HttpClient client, string cityId, object command) =>
        client.PostAsJsonAsync(OrganisationsUrl(cityId), command, Json.Options);

    public static async Task<Guid> RegisterOrganisationOk(this HttpClient client, string cityId = "cluj-napoca", RegisterOrganisation? command = null) =>
        (await (await client.RegisterOrganisation(cityId, command ?? JobCentre())).Read<Scenarios.Created>()).Value;
}
