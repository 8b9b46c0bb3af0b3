using JasperFx.CodeGeneration.Frames;
using JasperFx.CodeGeneration.Model;
using Marten;

namespace EPI.Collab.Api.Features.PersonalData;

/// <summary>
/// What opening sealed texts needs for one request: the city's session, the key ring and the caller (role and break-glass
/// grant header). An endpoint takes it as a parameter and opens its texts in one line:
/// <c>board.Revealed(await reveal.ForAsync(workshopId, board.SealedTexts(), ct))</c>. Who sees what is decided by
/// <see cref="Revealer"/> alone.
/// </summary>
public sealed class RevealContext(IQuerySession session, KeyRing ring, HttpContext http)
{
    public static RevealContext Of(IQuerySession session, KeyRing ring, HttpContext http) => new(session, ring, http);

    /// <summary>A revealer for these texts (<paramref name="workshopId"/> null: texts of no single workshop, e.g. a subject's export).</summary>
    public Task<Revealer> ForAsync(Guid? workshopId, IEnumerable<PersonalText?> texts, CancellationToken ct) =>
        Revealer.LoadAsync(session, ring, http, workshopId, texts, ct);

    /// <summary>The session and key ring the texts are opened with, for seals derived from a subject's key (objections).</summary>
    public IQuerySession Session => session;

    public KeyRing Ring => ring;
}

/// <summary>
/// Lets an endpoint take <see cref="RevealContext"/> as a parameter: Wolverine's generated code builds it from the
/// endpoint's own (city) session, the key ring and the request.
/// </summary>
public sealed class RevealContextSource : IVariableSource
{
    public bool Matches(Type type) => type == typeof(RevealContext);

    public Variable Create(Type type) => new MethodCall(typeof(RevealContext), nameof(RevealContext.Of)).ReturnVariable!;
}
