using System.Security.Cryptography;

namespace EPI.Collab.Api.Features.Workshops.Opening;

/// <summary>
/// The join code of an open workshop. One document per code, not tenanted and keyed by the code, so the
/// primary key makes a code unique among all open workshops of all cities; closing deletes it.
/// </summary>
public sealed record OpenJoinCode(string Id, Guid WorkshopId, string CityId);

public static class JoinCodes
{
    /// <summary>No look-alikes: no 0/O/Q/D, 1/I/L, 2/Z, 5/S, 6/G, 8/B, U/V.</summary>
    public const string Alphabet = "ACEFHJKMNPRTWXY3479";
    public const int Length = 6;

    public static string Generate() => RandomNumberGenerator.GetString(Alphabet, Length);

    /// <summary>What a person types: case, spaces and dashes do not matter.</summary>
    public static string Normalize(string? code) =>
        new string((code ?? "").Where(c => !char.IsWhiteSpace(c) && c != '-').ToArray()).ToUpperInvariant();

    public static bool IsWellFormed(string code) => code.Length == Length && code.All(Alphabet.Contains);
}
