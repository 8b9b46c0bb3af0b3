using System.Reflection;
using EPI.Collab.Api.Infrastructure.Auth;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Wolverine.Http;

namespace EPI.Collab.Api.Infrastructure;

/// <summary>
/// Who may call an operation and what it does, from the endpoint itself: its <c>[Authorize(Policy = ...)]</c> or
/// <c>[AllowAnonymous]</c> becomes the operation's <c>security</c> and a line naming the policy (worded by the policy's
/// own XML doc), and the XML doc summary of the endpoint method becomes its summary (first sentence) and description.
/// </summary>
public sealed class OperationDocs : IOpenApiOperationTransformer
{
    public const string AnonymousLine = "Anyone may call this; no token is needed.";

    private static readonly Dictionary<string, string> PolicyTexts = typeof(Policies)
        .GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral)
        .ToDictionary(f => (string)f.GetRawConstantValue()!, f => XmlDocs.Api.Summary(f) ?? "");

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        var method = EndpointMethod(metadata);
        var prose = method is null ? null : XmlDocs.Api.Summary(method);
        var remarks = method is null ? null : XmlDocs.Api.Remarks(method);

        string access;
        if (metadata.OfType<IAllowAnonymous>().Any())
        {
            operation.Security = [new OpenApiSecurityRequirement()];
            access = AnonymousLine;
        }
        else
        {
            operation.Security =
            [
                new OpenApiSecurityRequirement
                {
                    [new OpenApiSecuritySchemeReference(JwtBearerDefaults.AuthenticationScheme, context.Document)] = []
                }
            ];
            var policy = metadata.OfType<IAuthorizeData>().Select(a => a.Policy).LastOrDefault(p => p is not null);
            access = policy is null
                ? "Any signed-in user may call this."
                : $"Who may call this (policy `{policy}`): {PolicyTexts.GetValueOrDefault(policy, "see the README's role table.")}";
        }

        if (prose is not null) operation.Summary = XmlDocs.FirstSentence(prose);
        operation.Description = string.Join("\n\n", new[] { prose, remarks, access }.Where(p => !string.IsNullOrEmpty(p)));
        return Task.CompletedTask;
    }

    /// <summary>The C# method behind an endpoint: Wolverine puts its <see cref="HttpChain"/> into the endpoint metadata.</summary>
    public static MethodInfo? EndpointMethod(IList<object> metadata) =>
        metadata.OfType<HttpChain>().FirstOrDefault()?.Method.Method ?? metadata.OfType<MethodInfo>().FirstOrDefault();
}
