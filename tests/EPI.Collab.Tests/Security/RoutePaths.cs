using System.Text;
using Microsoft.AspNetCore.Routing.Patterns;

namespace EPI.Collab.Tests.Security;

/// <summary>Concrete request paths for the endpoint list, for tests generated over every endpoint.</summary>
public static class RoutePaths
{
    /// <summary>The route with each parameter taken from <paramref name="values"/> by name, and a new unknown id otherwise.</summary>
    public static string Fill(RoutePattern pattern, IReadOnlyDictionary<string, string> values)
    {
        var path = new StringBuilder();
        foreach (var segment in pattern.PathSegments)
        {
            path.Append('/');
            foreach (var part in segment.Parts)
                path.Append(part switch
                {
                    RoutePatternLiteralPart literal => literal.Content,
                    RoutePatternSeparatorPart separator => separator.Content,
                    RoutePatternParameterPart parameter => values.GetValueOrDefault(parameter.Name) ?? Guid.CreateVersion7().ToString(),
                    _ => ""
                });
        }
        return path.ToString();
    }
}
