using System.Collections;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Nodes;
using EPI.Collab.Api.Infrastructure.Contract;
using Microsoft.OpenApi;

namespace EPI.Collab.Api.Features.ReferenceData;

/// <summary>A language code of the accepted list (published as the schema's enum).</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class LanguageAttribute() : ValidationAttribute("{0} must be a known BCP 47 language tag (GET /api/languages)."), ISchemaRule, IItemRule,
    ICodedRule
{
    public string Code => "language-unsupported";

    public override bool IsValid(object? value) => value is not string lang || Languages.IsAccepted(lang);

    public IEnumerable<int> Broken(IEnumerable items) =>
        items.Cast<object?>().Select((l, i) => (l, i)).Where(x => !Languages.IsAccepted(x.l as string)).Select(x => x.i);

    public void Describe(OpenApiSchema schema)
    {
        var target = schema.Items as OpenApiSchema ?? schema;
        target.Enum = Languages.Accepted.Select(l => (JsonNode)JsonValue.Create(l)).ToList();
    }
}

/// <summary>
/// The bounds of a localized text field, or of each text of a list: <paramref name="min"/> to <paramref name="max"/>
/// characters (the minimum counts the text without surrounding white space).
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class TextAttribute(int min, int max) : ValidationAttribute($"{{0}} has {min} to {max} characters."), ISchemaRule, IItemRule,
    ICodedRule
{
    public string Code => "text-length";

    public string? Subfield => "text";

    public override bool IsValid(object? value) => value is not LocalizedText text || Fits(text);

    public IEnumerable<int> Broken(IEnumerable items) =>
        items.Cast<object?>().Select((t, i) => (t, i)).Where(x => x.t is LocalizedText text && !Fits(text)).Select(x => x.i);

    private bool Fits(LocalizedText text) => text.Text is { } t && t.Length <= max && t.Trim().Length >= min;

    public void Describe(OpenApiSchema schema)
    {
        var target = schema.Items as OpenApiSchema ?? schema;
        if (target.Properties?.TryGetValue("text", out var text) == true && text is OpenApiSchema s)
        {
            s.MinLength = min;
            s.MaxLength = max;
        }
    }
}
