using System.Text.Json.Serialization;
using EPI.Collab.Api.Features.ReferenceData;

namespace EPI.Collab.Api.Features.PersonalData;

/// <summary>What a reader gets in place of a sealed text.</summary>
public enum PersonalTextState { Revealed, Erased, Withheld }

/// <summary>
/// Free text written by one person (a proposal, a comment, a display name). Events and read models store only
/// <see cref="Sealed"/>: the text encrypted under its author's key (<see cref="SubjectKey"/>), which lives outside the
/// event log. Erasing the author destroys the key; the ciphertext stays, so the hash chain still verifies.
/// Responses carry the revealed copy instead: <see cref="Text"/> and <see cref="State"/>, without the ciphertext.
/// </summary>
/// <param name="Subject">The author's pseudonymous id (the participant id, or the staff account id).</param>
/// <param name="Lang">The language the text was written in; not personal, so kept in clear.</param>
public sealed record PersonalText(
    Guid Subject,
    string Lang,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Sealed,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Text = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] PersonalTextState? State = null)
{
    /// <summary>Shown where an erased person's text was.</summary>
    public const string ErasedMarker = "[erased]";

    public LocalizedText? AsLocalized => Text is null ? null : new LocalizedText(Lang, Text);
}
