using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace EPI.Collab.Api.Features.ReferenceData;

public static class GetEpiThemesEndpoint
{
    /// <summary>The five EPI themes with their labels and the ICC areas they map to (published reference data).</summary>
    [WolverineGet("/api/epi-themes", OperationId = "GetEpiThemes"), AllowAnonymous, Tags("Reference data")]
    public static IReadOnlyList<EpiTheme> Get() => EpiThemes.All;
}
