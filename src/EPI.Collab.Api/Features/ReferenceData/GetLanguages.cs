using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace EPI.Collab.Api.Features.ReferenceData;

public static class GetLanguagesEndpoint
{
    /// <summary>The BCP 47 language tags texts may use, with each language's own name and direction (published reference data).</summary>
    [WolverineGet("/api/languages", OperationId = "GetLanguages"), AllowAnonymous, Tags("Reference data")]
    public static IReadOnlyList<Language> Get() => Languages.Known;
}
