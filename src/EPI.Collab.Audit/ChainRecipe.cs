using System.Security.Cryptography;
using System.Text;

namespace EPI.Collab.Audit;

/// <summary>
/// The chain recipe, as the service keeps it: SHA-256 (lower-case hex) over the UTF-8 of previous hash, event id,
/// sequence, stream id, tenant id, type and the stored JSON text, one per line. The first previous hash is 64 zeros.
/// </summary>
public static class ChainRecipe
{
    public static readonly string Genesis = new('0', 64);

    public static string Link(string previousHash, Guid eventId, long sequence, string streamId, string tenantId, string type, string data) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(
            $"{previousHash}\n{eventId:D}\n{sequence}\n{streamId}\n{tenantId}\n{type}\n{data}")));
}
