using System.Collections.Concurrent;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Reflection;
using Wolverine.Http;

namespace EPI.Collab.Api.Infrastructure.Contract;

/// <summary>
/// The contract of an operation's query values: the <see cref="ValidationAttribute"/>s declared on the parameters of its
/// endpoint class (e.g. <c>[Range(1, 500)] int? limit</c>). The door checks them before anything loads, and
/// <see cref="ContractSchemas"/> publishes them on the query parameters of the OpenAPI document.
/// </summary>
public static class QueryContract
{
    public sealed record Rule(string Name, Type Type, ValidationAttribute[] Attributes);

    private static readonly ConcurrentDictionary<HttpChain, Rule[]> Rules = new();

    public static Rule[] For(HttpChain chain) => Rules.GetOrAdd(chain, static c =>
        c.Method.HandlerType.GetMethods(BindingFlags.Public | BindingFlags.Static)
            .SelectMany(m => m.GetParameters())
            .Select(p => new Rule(p.Name!, Nullable.GetUnderlyingType(p.ParameterType) ?? p.ParameterType,
                p.GetCustomAttributes<ValidationAttribute>(true).ToArray()))
            .Where(r => r.Attributes.Length > 0)
            .DistinctBy(r => r.Name)
            .ToArray());

    /// <summary>The broken query values of a request, as field errors named after the parameter.</summary>
    public static Validation Check(HttpChain chain, IQueryCollection query)
    {
        var v = new Validation();
        foreach (var rule in For(chain))
        {
            if (!query.TryGetValue(rule.Name, out var raw) || raw.Count == 0 || Convert(raw[0], rule.Type) is not { } value) continue;
            foreach (var attribute in rule.Attributes)
                if (!attribute.IsValid(value)) v.Add(rule.Name, attribute.FormatErrorMessage(rule.Name));
        }
        return v;
    }

    /// <summary>A value that does not parse is left to the endpoint (Wolverine answers it with a 400 of its own).</summary>
    private static object? Convert(string? raw, Type type)
    {
        if (raw is null) return null;
        if (type == typeof(string)) return raw;
        if (type == typeof(int)) return int.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) ? i : null;
        if (type == typeof(long)) return long.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var l) ? l : null;
        return null;
    }
}
