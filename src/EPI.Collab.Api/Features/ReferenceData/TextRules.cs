using System.ComponentModel.DataAnnotations;
using System.Text.Json.Nodes;
using EPI.Collab.Api.Infrastructure.Contract;
using Microsoft.OpenApi;

namespace EPI.Collab.Api.Features.ReferenceData;

/// <summary>A language code of the accepted list (published as the schema's enum).</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class LanguageAttribute() : ValidationAttribute("{0} must be one of the accepted language codes."), ISchemaRule
{
    public override bool IsValid(object? value) => value switch
    {
        string lang => Languages.IsAccepted(lang),
        IEnumerable<string?> langs => langs.All(Languages.IsAccepted),
        _ => true
    };

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
public sealed class TextAttribute(int min, int max) : ValidationAttribute($"Each text of {{0}} has {min} to {max} characters."), ISchemaRule
{
    public override bool IsValid(object? value) => value switch
    {
        LocalizedText text => Fits(text),
        IEnumerable<LocalizedText?> texts => texts.All(t => t is null || Fits(t)),
        _ => true
    };

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
