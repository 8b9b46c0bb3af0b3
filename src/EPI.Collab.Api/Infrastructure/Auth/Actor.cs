using JasperFx.CodeGeneration.Frames;
using JasperFx.CodeGeneration.Model;
using System.Security.Claims;

namespace EPI.Collab.Api.Infrastructure.Auth;

/// <summary>
/// Who acts, as events record it: a pseudonymous subject id and a role, never a name or an e-mail.
/// A non-GUID subject of an external issuer is mapped to a stable name-based GUID.
/// </summary>
public sealed record Actor(Guid Id, string Role)
{
    private static readonly Guid ExternalSubjects = new("8f5d0a3c-4a0e-4c8a-9d55-1f1b6a2a7e11");

    public static Actor From(ClaimsPrincipal user)
    {
        var subject = user.FindFirst(EpiClaims.Subject)?.Value ?? "";
        var id = Guid.TryParse(subject, out var guid) ? guid : DeterministicGuid.Create(ExternalSubjects, subject);
        var role = user.FindAll(EpiClaims.Role).Select(c => c.Value).FirstOrDefault(Roles.All.Contains) ?? "unknown";
        return new Actor(id, role);
    }
}

/// <summary>
/// Lets an endpoint take <see cref="Actor"/> as a parameter: Wolverine's generated code calls <see cref="Actor.From"/>
/// on the request's user, so no endpoint converts claims itself.
/// </summary>
public sealed class ActorSource : IVariableSource
{
    public bool Matches(Type type) => type == typeof(Actor);

    public Variable Create(Type type) => new MethodCall(typeof(Actor), nameof(Actor.From)).ReturnVariable!;
}
