using System.Security.Claims;
using EPI.Collab.Api.Infrastructure.Auth;
using Marten;
using Microsoft.AspNetCore.Authentication.JwtBearer;

namespace EPI.Collab.Api.Features.Participants;

/// <summary>
/// A participant token is only as good as the participant's standing: removed or refused, it stops working (401);
/// waiting to be admitted, it follows the room but gets the <see cref="EpiClaims.Waiting"/> claim, which keeps it from
/// contributing and voting. One primary-key read per participant request; staff tokens are not looked at.
/// </summary>
public sealed class ParticipantGate(IDocumentStore store) : ITokenCheck
{
    public async Task CheckAsync(TokenValidatedContext context)
    {
        var user = context.Principal;
        if (user is null || !user.HasClaim(EpiClaims.Role, Roles.Participant)) return;
        if (!Guid.TryParse(user.FindFirst(EpiClaims.Subject)?.Value, out var id) || user.FindFirst(EpiClaims.City)?.Value is not { } city) return;
        await using var session = store.QuerySession(city);
        var participant = await session.LoadAsync<Participant>(id, context.HttpContext.RequestAborted);
        if (participant is { InTheRoom: false })
        {
            context.Fail("This participant was removed from the workshop.");
            return;
        }
        if (participant is { Standing: ParticipantStanding.Pending } && user.Identity is ClaimsIdentity identity)
            identity.AddClaim(new Claim(EpiClaims.Waiting, "true"));
    }
}
