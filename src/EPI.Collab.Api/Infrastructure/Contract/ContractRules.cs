using System.Collections;
using System.ComponentModel.DataAnnotations;
using Microsoft.OpenApi;

namespace EPI.Collab.Api.Infrastructure.Contract;

/// <summary>A rule of a request's contract that also shows in the OpenAPI schema of the field it is declared on.</summary>
public interface ISchemaRule
{
    void Describe(OpenApiSchema schema);
}

/// <summary>A rule with a stable code (clients show the message catalogue's <c>field.{code}</c> in the caller's language).</summary>
public interface ICodedRule
{
    string Code { get; }

    /// <summary>The part of the field a broken value is reported on (e.g. <c>text</c> of a localized text), or null.</summary>
    string? Subfield => null;
}

/// <summary>A rule on a list that judges each item: a broken item is reported at its own index (<c>field[2]</c>).</summary>
public interface IItemRule
{
    /// <summary>The indexes of the items that break the rule.</summary>
    IEnumerable<int> Broken(IEnumerable items);
}

/// <summary>The bounds every request shares (README, "The request contract").</summary>
public static class ContractBounds
{
    /// <summary>Expected versions of a stream: 1 for a stream that has its first event, never 0 or negative.</summary>
    public const int MaxVersion = 10_000_000;

    /// <summary>Every date a request carries lies in this window: the EPI era with room on both sides, never year 1 or 9999.</summary>
    public static readonly DateOnly EarliestDate = new(2000, 1, 1), LatestDate = new(2040, 12, 31);
}

/// <summary>The expected version of the stream a command changes (optimistic concurrency).</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class ExpectedVersionAttribute() : RangeAttribute(1, ContractBounds.MaxVersion);

/// <summary>No item of the list may appear twice.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class UniqueItemsAttribute : ValidationAttribute, ISchemaRule, IItemRule
{
    public UniqueItemsAttribute() : base("{0} repeats an earlier item.") { }

    public override bool IsValid(object? value) => value is not IEnumerable items || !Broken(items).Any();

    public IEnumerable<int> Broken(IEnumerable items)
    {
        var seen = new HashSet<object?>();
        var i = 0;
        foreach (var item in items)
        {
            if (!seen.Add(item)) yield return i;
            i++;
        }
    }

    public void Describe(OpenApiSchema schema) => schema.UniqueItems = true;
}

/// <summary>Each string of the list has <c>min</c> to <c>max</c> characters.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class ItemLengthAttribute(int min, int max) : ValidationAttribute($"{{0}} has {min} to {max} characters."), ISchemaRule, IItemRule
{
    public override bool IsValid(object? value) => value is not IEnumerable items || !Broken(items).Any();

    public IEnumerable<int> Broken(IEnumerable items) =>
        items.Cast<object?>().Select((s, i) => (s, i)).Where(x => x.s is not string t || t.Length < min || t.Length > max).Select(x => x.i);

    public void Describe(OpenApiSchema schema)
    {
        if (schema.Items is not OpenApiSchema item) return;
        item.MinLength = min;
        item.MaxLength = max;
    }
}

/// <summary>
/// The type's schema is written in place wherever it is used, not shared as a component: its fields' bounds differ per
/// use (a localized text of a proposal may be longer than a title's).
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class InlineSchemaAttribute : Attribute;
