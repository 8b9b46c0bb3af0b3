using System.Security.Claims;
using EPI.Collab.Api.Infrastructure.Auth;
using EPI.Collab.Api.Infrastructure;
using Microsoft.AspNetCore.Authentication.JwtBearer;

namespace EPI.Collab.Api.Features.Participants;

/// <summary>
/// A participant token is only as good as the participant's standing: removed or refused, it stops working (401);
/// waiting to be admitted, it follows the room but gets the <see cref="EpiClaims.Waiting"/> claim, which keeps it from
/// contributing and voting. The standing comes from this node's cache (<see cref="NoticedCache{T}"/>: forgotten on every
/// node when an admission, refusal or removal commits), so a participant request reads the database once per node, not
/// once per request; staff tokens are not looked at.
/// </summary>
public sealed class ParticipantGate(NoticedCache<Participant> participants) : ITokenCheck
{
    public async Task CheckAsync(TokenValidatedContext context)
    {
        var user = context.Principal;
        if (user is null || !user.HasClaim(EpiClaims.Role, Roles.Participant)) return;
        if (!Guid.TryParse(user.FindFirst(EpiClaims.Subject)?.Value, out var id) || user.FindFirst(EpiClaims.City)?.Value is not { } city) return;
        var participant = await participants.GetAsync(city, id, context.HttpContext.RequestAborted);
        if (participant is { InTheRoom: false })
        {
            context.Fail("This participant was removed from the workshop.");
            return;
        }
        if (participant is { Standing: ParticipantStanding.Pending } && user.Identity is ClaimsIdentity identity)
            identity.AddClaim(new Claim(EpiClaims.Waiting, "true"));
    }
}
