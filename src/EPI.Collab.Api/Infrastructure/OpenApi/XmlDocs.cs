using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace EPI.Collab.Api.Infrastructure;

/// <summary>
/// The XML doc comments of the API assembly (GenerateDocumentationFile), read once at start: the one source of the
/// prose in the OpenAPI document (operation summaries, property and policy descriptions).
/// </summary>
public sealed partial class XmlDocs
{
    private readonly Dictionary<string, XElement> _members;

    private XmlDocs(Dictionary<string, XElement> members) => _members = members;

    public static XmlDocs For(Assembly assembly)
    {
        var path = Path.ChangeExtension(assembly.Location, ".xml");
        var members = File.Exists(path)
            ? XDocument.Load(path).Descendants("member")
                .Where(m => m.Attribute("name") is not null)
                .GroupBy(m => m.Attribute("name")!.Value).ToDictionary(g => g.Key, g => g.First())
            : [];
        return new XmlDocs(members);
    }

    public static XmlDocs Api { get; } = For(typeof(XmlDocs).Assembly);

    /// <summary>The summary of a method, found by its declaring type and name (endpoint methods are not overloaded).</summary>
    public string? Summary(MethodInfo method) => Text(Method(method)?.Element("summary"));

    public string? Remarks(MethodInfo method) => Text(Method(method)?.Element("remarks"));

    public string? Summary(Type type) => Text(Member($"T:{Name(type)}")?.Element("summary"));

    public string? Summary(FieldInfo field) => Text(Member($"F:{Name(field.DeclaringType!)}.{field.Name}")?.Element("summary"));

    /// <summary>A property's summary, or the <c>&lt;param&gt;</c> of a record's primary constructor that declares it.</summary>
    public string? Property(Type type, string name) =>
        Text(Member($"P:{Name(type)}.{name}")?.Element("summary"))
        ?? Text(Member($"T:{Name(type)}")?.Elements("param").FirstOrDefault(p => p.Attribute("name")?.Value == name));

    private XElement? Member(string id) => _members.GetValueOrDefault(id);

    private XElement? Method(MethodInfo method)
    {
        var prefix = $"M:{Name(method.DeclaringType!)}.{method.Name}";
        if (_members.TryGetValue(prefix, out var bare)) return bare;
        var candidates = _members.Where(m => m.Key.StartsWith(prefix + "(", StringComparison.Ordinal)).Select(m => m.Value).ToList();
        return candidates.Count == 1 ? candidates[0] : null;
    }

    private static string Name(Type type) => (type.FullName ?? type.Name).Replace('+', '.');

    /// <summary>Doc markup as plain text with Markdown code spans; whitespace collapsed.</summary>
    public static string? Text(XElement? element)
    {
        if (element is null) return null;
        var text = new StringBuilder();
        foreach (var node in element.Nodes()) Append(text, node);
        var plain = Spaces().Replace(text.ToString(), " ").Trim();
        return plain.Length == 0 ? null : plain;
    }

    private static void Append(StringBuilder text, XNode node)
    {
        switch (node)
        {
            case XText t: text.Append(t.Value); break;
            case XElement { Name.LocalName: "c" or "code" } c: text.Append('`').Append(c.Value).Append('`'); break;
            case XElement { Name.LocalName: "see" or "seealso" } see:
                var reference = see.Attribute("cref")?.Value ?? see.Attribute("langword")?.Value ?? see.Attribute("href")?.Value ?? "";
                text.Append(see.Value.Length > 0 ? see.Value : ConstantValue(reference) ?? reference[(reference.LastIndexOfAny([':', '.']) + 1)..]);
                break;
            case XElement { Name.LocalName: "paramref" or "typeparamref" } p: text.Append(p.Attribute("name")?.Value); break;
            case XElement { Name.LocalName: "para" or "br" } p:
                text.Append(' ');
                foreach (var child in p.Nodes()) Append(text, child);
                text.Append(' ');
                break;
            case XElement other:
                foreach (var child in other.Nodes()) Append(text, child);
                break;
        }
    }

    /// <summary>A reference to a string constant of this assembly reads as its value (a policy's name, a header's).</summary>
    private static string? ConstantValue(string reference)
    {
        if (!reference.StartsWith("F:", StringComparison.Ordinal)) return null;
        var dot = reference.LastIndexOf('.');
        var field = typeof(XmlDocs).Assembly.GetType(reference[2..dot])?.GetField(reference[(dot + 1)..], BindingFlags.Public | BindingFlags.Static);
        return field is { IsLiteral: true } && field.GetRawConstantValue() is string value ? $"`{value}`" : null;
    }

    /// <summary>The first sentence of a text: the operation's summary line.</summary>
    public static string FirstSentence(string text)
    {
        var end = FirstSentenceEnd().Match(text);
        return end.Success ? text[..(end.Index + 1)] : text;
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    [GeneratedRegex(@"(?<!\b(e\.g|i\.e|etc))\.(\s|$)")]
    private static partial Regex FirstSentenceEnd();
}
