using System.Security.Cryptography;
using System.Text;

namespace EPI.Collab.Api.Features.Voting;

/// <summary>
/// A round's secret key, created when it opens and deleted when it closes. Ballot stream ids and idempotency
/// receipts are HMACs of the voter under this key: unique per voter while the round runs, and after the close
/// nobody (operators included) can link a secret ballot to a participant.
/// </summary>
public sealed record RoundKey(Guid Id, byte[] Secret)
{
    public static RoundKey New(Guid roundId) => new(roundId, RandomNumberGenerator.GetBytes(32));

    public Guid BallotId(Guid participantId) => Derive($"ballot:{participantId:N}");

    public Guid ReceiptId(Guid actorId, string idempotencyKey) => Derive($"receipt:{actorId:N}:{idempotencyKey}");

    /// <summary>
    /// What a request asked for (its body as the API reads it), as an HMAC under this key: a retry with the same
    /// Idempotency-Key must ask for the same thing. Keyed, so a stored receipt does not give away the marks.
    /// </summary>
    public string BodyHash(object body)
    {
        var hash = HMACSHA256.HashData(Secret, System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(body, Infrastructure.ApiJson.Options));
        return Convert.ToHexString(hash);
    }

    private Guid Derive(string name)
    {
        Span<byte> hash = stackalloc byte[32];
        HMACSHA256.HashData(Secret, Encoding.UTF8.GetBytes(name), hash);
        hash[6] = (byte)((hash[6] & 0x0F) | 0x80);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash[..16], bigEndian: true);
    }
}

/// <summary>The stored answer to a ballot request, so a retry with the same Idempotency-Key gets the same answer.</summary>
/// <param name="BodyHash">The request's <see cref="RoundKey.BodyHash"/>; a reuse of the key with another body is refused (422).</param>
public sealed record BallotReceipt(Guid Id, Guid RoundId, BallotAccepted Answer, string? BodyHash = null);

/// <param name="BallotId">The ballot's own stream; with <see cref="Version"/> it identifies exactly what was counted.</param>
public sealed record BallotAccepted(Guid BallotId, Guid RoundId, int Version, DateTimeOffset At);
