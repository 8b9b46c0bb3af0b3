using System.Security.Cryptography;
using EPI.Collab.Api.Features.Workshops.Opening;

namespace EPI.Collab.Api.Features.Workshops.Admitting;

/// <summary>
/// One printed seat of a workshop in SEAT_CODES mode, keyed by its code. A join with it marks it used; it records no
/// participant, so a paper handed to a person is not linked to their pseudonym.
/// </summary>
public sealed record SeatCode(string Id, Guid WorkshopId, DateTimeOffset IssuedAt, bool Used = false, DateTimeOffset? UsedAt = null)
{
    public const int Length = 8;

    /// <summary>Same alphabet as join codes (no look-alikes), two characters longer.</summary>
    public static string Generate() => RandomNumberGenerator.GetString(JoinCodes.Alphabet, Length);

    public static bool IsWellFormed(string code) => code.Length == Length && code.All(JoinCodes.Alphabet.Contains);
}
