using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization;
using EPI.Collab.Client;

namespace EPI.Collab.Load;

/// <summary>
/// What a simulated phone reads of a workshop message: its type, position and time, and for a tally the phone ballots it
/// counts. The rest of the message is skipped, not built into a document. One driver process plays thousands of phones
/// on the machine the service runs on; parsing every 2.4 KB tally into a <see cref="JsonElement"/> (as
/// <see cref="WorkshopMessage"/> does) took more than half of its CPU in S2 and starved the service it measures. The
/// phones of S1 and S2 and the bare hub's clients all read messages this way, so their costs stay comparable.
/// </summary>
[JsonConverter(typeof(TallyGlanceConverter))]
public sealed record TallyGlance(string? Type, long Position, DateTimeOffset At, int? PhoneBallots)
{
    private static StrongBox<JsonElement>? _sample;

    /// <summary>The first tally any phone received, whole (the payload the bare hub broadcasts).</summary>
    public static JsonElement? Sample => Volatile.Read(ref _sample)?.Value;

    internal static void Keep(JsonElement message) => Interlocked.CompareExchange(ref _sample, new StrongBox<JsonElement>(message), null);

    /// <summary>Takes the next tally received as the sample.</summary>
    public static void Forget() => Interlocked.Exchange(ref _sample, null);
}

public sealed class TallyGlanceConverter : JsonConverter<TallyGlance>
{
    public override TallyGlance Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        // The first tally of a scenario is also kept whole, read from a copy of the reader (the payload the bare hub sends).
        var wanted = TallyGlance.Sample is null;
        var copy = reader;
        if (reader.TokenType != JsonTokenType.StartObject) throw new JsonException("A workshop message is an object.");
        string? type = null;
        long position = 0;
        var at = default(DateTimeOffset);
        int? phone = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("type"u8)) { reader.Read(); type = reader.GetString(); }
            else if (reader.ValueTextEquals("position"u8)) { reader.Read(); position = reader.GetInt64(); }
            else if (reader.ValueTextEquals("at"u8)) { reader.Read(); at = reader.GetDateTimeOffset(); }
            else if (reader.ValueTextEquals("data"u8)) { reader.Read(); phone = PhoneBallots(ref reader); }
            else { reader.Read(); reader.Skip(); }
        }
        var glance = new TallyGlance(type, position, at, type == WorkshopMessageTypes.RoundTallied ? phone : null);
        if (wanted && glance.PhoneBallots is not null) TallyGlance.Keep(JsonElement.ParseValue(ref copy));
        return glance;
    }

    /// <summary>Reads <c>data.ballots.phone</c> when the data has it, skipping everything else of the data.</summary>
    private static int? PhoneBallots(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject) { reader.Skip(); return null; }
        int? phone = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isBallots = reader.ValueTextEquals("ballots"u8);
            reader.Read();
            if (!isBallots || reader.TokenType != JsonTokenType.StartObject) { reader.Skip(); continue; }
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isPhone = reader.ValueTextEquals("phone"u8);
                reader.Read();
                if (isPhone && reader.TokenType == JsonTokenType.Number) phone = reader.GetInt32();
                else reader.Skip();
            }
        }
        return phone;
    }

    public override void Write(Utf8JsonWriter writer, TallyGlance value, JsonSerializerOptions options) =>
        throw new NotSupportedException("A glance is only read.");
}
