using System.Collections;
using System.Collections.Concurrent;
using System.ComponentModel.DataAnnotations;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace EPI.Collab.Api.Infrastructure.Contract;

/// <summary>
/// Checks a request against the contract declared on its record: non-nullable fields are required, every
/// <see cref="ValidationAttribute"/> on a field holds, lists and nested records are checked item by item, ids are not
/// the empty id and dates lie in <see cref="ContractBounds"/>. The same declarations feed the OpenAPI schema
/// (<see cref="ContractSchemas"/>), so what the document promises is what is enforced.
/// </summary>
public static class RequestContract
{
    internal sealed record Field(string Name, PropertyInfo Property, ValidationAttribute[] Rules, bool Nullable, bool ItemsNullable);

    private static readonly ConcurrentDictionary<Type, Field[]> Fields = new();

    public static Validation Check(object body)
    {
        var v = new Validation();
        Walk(body, "", v, 0);
        return v;
    }

    /// <summary>Our own records are walked into; framework types (strings, lists, ids, dates) are leaves.</summary>
    internal static bool IsContractType(Type type) =>
        type is { IsClass: true, Namespace: not null } && type.Namespace.StartsWith("EPI.Collab", StringComparison.Ordinal) && type != typeof(string);

    internal static Field[] FieldsOf(Type type) => Fields.GetOrAdd(type, static t =>
    {
        var nullability = new NullabilityInfoContext();
        var parameters = t.GetConstructors().SelectMany(c => c.GetParameters()).Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return t.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetIndexParameters().Length == 0 && p.GetCustomAttribute<JsonIgnoreAttribute>() is not { Condition: JsonIgnoreCondition.Always })
            .Where(p => p.SetMethod is { IsPublic: true } || parameters.Contains(p.Name))
            .Select(p =>
            {
                var info = nullability.Create(p);
                var itemsNullable = info.GenericTypeArguments is [{ } item] ? item.ReadState != NullabilityState.NotNull
                    : info.ElementType is { } element && element.ReadState != NullabilityState.NotNull;
                return new Field(p.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? JsonNamingPolicy.CamelCase.ConvertName(p.Name), p,
                    p.GetCustomAttributes<ValidationAttribute>(true).ToArray(),
                    info.ReadState != NullabilityState.NotNull || Nullable.GetUnderlyingType(p.PropertyType) is not null, itemsNullable);
            })
            .ToArray();
    });

    private static void Walk(object value, string path, Validation v, int depth)
    {
        if (depth > 16) return;
        foreach (var field in FieldsOf(value.GetType()))
        {
            var name = path.Length == 0 ? field.Name : $"{path}.{field.Name}";
            var x = field.Property.GetValue(value);
            if (x is null)
            {
                if (!field.Nullable) v.Add(name, "Required.", RequiredCode(field.Name));
                continue;
            }
            foreach (var rule in field.Rules)
                if (rule is IItemRule each && x is IEnumerable list and not string)
                    foreach (var i in each.Broken(list)) Broke(v, rule, $"{name}[{i}]");
                else if (!rule.IsValid(x)) Broke(v, rule, name);
            Leaf(x, name, v);
            if (x is IEnumerable items and not string)
            {
                var i = 0;
                foreach (var item in items)
                {
                    var at = $"{name}[{i++}]";
                    if (item is null)
                    {
                        if (!field.ItemsNullable) v.Add(at, "Required: a list may not hold null.", "required");
                        continue;
                    }
                    Leaf(item, at, v);
                    if (IsContractType(item.GetType())) Walk(item, at, v, depth + 1);
                }
            }
            else if (IsContractType(x.GetType())) Walk(x, name, v, depth + 1);
        }
    }

    private static void Broke(Validation v, ValidationAttribute rule, string at)
    {
        var coded = rule as ICodedRule;
        var field = coded?.Subfield is { } part ? $"{at}.{part}" : at;
        v.Add(field, rule.FormatErrorMessage(field), coded?.Code);
    }

    /// <summary>The code of a missing field, e.g. <c>group-required</c> (the catalogue words some of them per language).</summary>
    public static string RequiredCode(string field) => JsonNamingPolicy.KebabCaseLower.ConvertName(field) + "-required";

    /// <summary>Rules every field of its kind obeys, without a declaration.</summary>
    private static void Leaf(object x, string name, Validation v)
    {
        switch (x)
        {
            case DateOnly date when date < ContractBounds.EarliestDate || date > ContractBounds.LatestDate:
                v.Add(name, DateWindowMessage, "date-out-of-range");
                break;
            case DateTimeOffset at when at < Earliest || at > Latest:
                v.Add(name, DateWindowMessage, "date-out-of-range");
                break;
        }
    }

    private static readonly DateTimeOffset Earliest = new(ContractBounds.EarliestDate.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero),
        Latest = new(ContractBounds.LatestDate.ToDateTime(TimeOnly.MaxValue), TimeSpan.Zero);

    public static readonly string DateWindowMessage = $"Must lie between {ContractBounds.EarliestDate:yyyy-MM-dd} and {ContractBounds.LatestDate:yyyy-MM-dd}.";
}
