using EPI.Collab.Api.Features.Workshops.Opening;
using EPI.Collab.Api.Infrastructure;
using EPI.Collab.Api.Infrastructure.Auth;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using QRCoder;
using Wolverine.Http;
using Wolverine.Persistence;

namespace EPI.Collab.Api.Features.Workshops.GettingJoinQr;

public static class GetJoinQrEndpoint
{
    public static ProblemDetails Validate(Workshop? workshop, Guid workshopId) =>
        workshop is null ? WorkshopProblems.NotFound(workshopId)
        : !workshop.IsLive ? Problems.RuleViolated("Only an open workshop has a join code.")
        : WolverineContinue.NoProblems;

    /// <summary>The absolute join address: <c>App:PublicBaseUrl</c> when set, else the address this request came to.</summary>
    public static string AbsoluteJoinUrl(HttpRequest request, IConfiguration configuration, string joinCode) =>
        (configuration["App:PublicBaseUrl"]?.TrimEnd('/') ?? $"{request.Scheme}://{request.Host}") + JoinLinks.JoinUrl(joinCode);

    /// <summary>A PNG QR code of the workshop's join address, for the projector.</summary>
    [WolverineGet("/api/cities/{cityId}/workshops/{workshopId}/join-qr", OperationId = "GetJoinQr")]
    [Authorize(Policy = Policies.CityStaff), Tags("Workshops")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status422UnprocessableEntity)]
    [ProducesResponseType(typeof(Stream), StatusCodes.Status200OK, "image/png")]
    public static IResult Get(Guid workshopId, [Entity("workshopId", Required = false)] Workshop workshop, HttpRequest request, IConfiguration configuration)
    {
        using var data = QRCodeGenerator.GenerateQrCode(AbsoluteJoinUrl(request, configuration, workshop.JoinCode!),
            QRCodeGenerator.ECCLevel.M);
        return Results.File(new PngByteQRCode(data).GetGraphic(12), "image/png");
    }
}
