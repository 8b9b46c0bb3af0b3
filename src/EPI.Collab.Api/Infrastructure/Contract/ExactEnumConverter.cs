using System.Collections.Frozen;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace EPI.Collab.Api.Infrastructure.Contract;

/// <summary>
/// Enums as their exact UPPER_SNAKE name. The framework's string enum converter also reads other casings and
/// comma-joined names (OR-ed into a value nobody chose) and writes undefined values as numbers; this one reads a
/// declared name or fails, and never writes anything but a declared name.
/// </summary>
public sealed class ExactEnumConverter : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) => typeToConvert.IsEnum;

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(Exact<>).MakeGenericType(typeToConvert))!;

    /// <summary>The wire names of an enum, in declaration order.</summary>
    public static IReadOnlyList<string> NamesOf(Type enumType) =>
        Enum.GetNames(enumType).Select(n => JsonNamingPolicy.SnakeCaseUpper.ConvertName(n)).ToList();

    private sealed class Exact<T> : JsonConverter<T> where T : struct, Enum
    {
        private static readonly FrozenDictionary<string, T> ByName =
            Enum.GetValues<T>().ToFrozenDictionary(v => JsonNamingPolicy.SnakeCaseUpper.ConvertName(v.ToString()), StringComparer.Ordinal);

        private static readonly FrozenDictionary<T, JsonEncodedText> Names =
            ByName.ToFrozenDictionary(x => x.Value, x => JsonEncodedText.Encode(x.Key));

        private static readonly string Expected = $"one of {string.Join(", ", ByName.Keys.Order(StringComparer.Ordinal))}";

        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TokenType == JsonTokenType.String ? Parse(reader.GetString()) : throw new JsonException($"Expected a string, {Expected}.");

        public override T ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            Parse(reader.GetString());

        private static T Parse(string? name) =>
            name is not null && ByName.TryGetValue(name, out var value) ? value : throw new JsonException($"Expected {Expected}.");

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => writer.WriteStringValue(NameOf(value));

        public override void WriteAsPropertyName(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
            writer.WritePropertyName(NameOf(value));

        private static JsonEncodedText NameOf(T value) =>
            Names.TryGetValue(value, out var name) ? name : throw new JsonException($"{typeof(T).Name} has no value {value}.");
    }
}
