using EPI.Collab.Api.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace EPI.Collab.Api.Features.ReferenceData;

public static class GetMessagesEndpoint
{
    public static ProblemDetails Validate(string lang) => Languages.WithMessages.Contains(lang)
        ? WolverineContinue.NoProblems
        : Problems.NotFound($"No messages in '{lang}'; available: {string.Join(", ", Languages.WithMessages)}.");

    /// <summary>
    /// Every text a participant can see — phase names, stakeholder groups, voting methods, statuses, error titles —
    /// in one language (published, no login). Keys match the UPPER_SNAKE values and problem codes of the API; a text not
    /// yet translated into a newcomers' language is given in English.
    /// </summary>
    [WolverineGet("/api/messages/{lang}", OperationId = "GetMessages"), AllowAnonymous, Tags("Reference data")]
    public static IReadOnlyDictionary<string, string> Get(string lang, MessageCatalog catalog) => catalog.For(lang);
}
