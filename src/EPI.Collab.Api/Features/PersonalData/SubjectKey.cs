using System.Security.Cryptography;
using System.Text;
using EPI.Collab.Api.Features.ReferenceData;

namespace EPI.Collab.Api.Features.PersonalData;

/// <summary>
/// One data subject's key in one city, wrapped (encrypted) under that city's key-encryption key. A document, never an
/// event: erasure deletes it, and with it every text sealed under it becomes unreadable, in the log and in backups.
/// </summary>
public sealed record SubjectKey(Guid Id, string Wrapped, DateTimeOffset CreatedAt);

/// <summary>A subject's unwrapped key, able to seal and open that subject's texts.</summary>
public sealed class SubjectSeal(Guid subject, byte[] key)
{
    private const string Prefix = "v1:";
    private const int NonceSize = 12, TagSize = 16;

    public Guid Subject { get; } = subject;

    public PersonalText Seal(LocalizedText text) => new(Subject, text.Lang, SealString(text.Text));

    public string SealString(string plain)
    {
        var data = Encoding.UTF8.GetBytes(plain);
        var output = new byte[NonceSize + data.Length + TagSize];
        var nonce = output.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key, TagSize);
        aes.Encrypt(nonce, data, output.AsSpan(NonceSize, data.Length), output.AsSpan(NonceSize + data.Length), Subject.ToByteArray());
        return Prefix + Convert.ToBase64String(output);
    }

    /// <summary>The plain text, or null when the ciphertext is not this subject's or was altered.</summary>
    public string? Open(string? sealedText)
    {
        if (sealedText is null || !sealedText.StartsWith(Prefix, StringComparison.Ordinal)) return null;
        try
        {
            var input = Convert.FromBase64String(sealedText[Prefix.Length..]);
            if (input.Length < NonceSize + TagSize) return null;
            var plain = new byte[input.Length - NonceSize - TagSize];
            using var aes = new AesGcm(key, TagSize);
            aes.Decrypt(input.AsSpan(0, NonceSize), input.AsSpan(NonceSize, plain.Length), input.AsSpan(NonceSize + plain.Length), plain,
                Subject.ToByteArray());
            return Encoding.UTF8.GetString(plain);
        }
        catch (Exception e) when (e is FormatException or CryptographicException)
        {
            return null;
        }
    }

    /// <summary>
    /// A seal of this subject for one purpose, named by an id nobody can tie to the subject without the subject's key:
    /// id and key are HMACs of the subject's key over <paramref name="purpose"/>. Erasing the subject's key erases every
    /// derived one with it. Used where a text must not name its author (an objection in a round).
    /// </summary>
    public SubjectSeal Derive(string purpose)
    {
        var id = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes("id:" + purpose));
        id[6] = (byte)((id[6] & 0x0F) | 0x80);
        id[8] = (byte)((id[8] & 0x3F) | 0x80);
        return new SubjectSeal(new Guid(id.AsSpan(0, 16), bigEndian: true), HMACSHA256.HashData(key, Encoding.UTF8.GetBytes("key:" + purpose)));
    }
}

/// <summary>
/// Envelope encryption: each city has its own key-encryption key, derived from the configured master key
/// (<c>PersonalData:MasterKey</c>, 32 bytes in base64; in production it belongs in a KMS/HSM), which wraps the subjects'
/// random 256-bit keys. Cities are separate controllers, so a subject key of one city never opens another's texts.
/// </summary>
public sealed class KeyRing
{
    private readonly byte[] _master;

    public KeyRing(byte[] master)
    {
        if (master.Length < 32) throw new InvalidOperationException("PersonalData:MasterKey must be at least 32 bytes (base64).");
        _master = master;
    }

    public static KeyRing FromConfiguration(IConfiguration configuration, bool development)
    {
        var configured = configuration["PersonalData:MasterKey"];
        if (!string.IsNullOrWhiteSpace(configured)) return new KeyRing(Convert.FromBase64String(configured));
        if (development) return new KeyRing(SHA256.HashData(Encoding.UTF8.GetBytes("epi-collab development master key")));
        throw new InvalidOperationException("PersonalData:MasterKey (32 bytes, base64) is required outside Development; set PersonalData__MasterKey.");
    }

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, byte[]> _cityKeys = new();

    // Derived once per city: every read that reveals texts unwraps the keys of their authors.
    private byte[] CityKey(string city) => _cityKeys.GetOrAdd(city, c =>
        HKDF.DeriveKey(HashAlgorithmName.SHA256, _master, 32, info: Encoding.UTF8.GetBytes("epi-collab subject-key wrapping:" + c)));

    /// <summary>A new random key for a subject, and its wrapped form to store.</summary>
    public (SubjectKey Stored, SubjectSeal Seal) Create(string city, Guid subject, DateTimeOffset now)
    {
        var key = RandomNumberGenerator.GetBytes(32);
        var wrapped = new SubjectSeal(subject, CityKey(city)).SealString(Convert.ToBase64String(key));
        return (new SubjectKey(subject, wrapped, now), new SubjectSeal(subject, key));
    }

    public SubjectSeal? Unwrap(string city, SubjectKey stored) =>
        new SubjectSeal(stored.Id, CityKey(city)).Open(stored.Wrapped) is { } key ? new SubjectSeal(stored.Id, Convert.FromBase64String(key)) : null;
}
