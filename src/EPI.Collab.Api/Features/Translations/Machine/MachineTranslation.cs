namespace EPI.Collab.Api.Features.Translations.Machine;

/// <summary>
/// Whether this deployment has a machine-translation engine. Off by default: only with <c>Translation:LibreTranslateUrl</c>
/// set does <see cref="Translator"/> exist; otherwise only human translations are made.
/// </summary>
public sealed class MachineTranslation(IHttpClientFactory clients, TranslationOptions options)
{
    public const string ClientName = "libretranslate";

    public IMachineTranslator? Translator { get; } =
        string.IsNullOrWhiteSpace(options.LibreTranslateUrl) ? null : new LibreTranslateClient(clients.CreateClient(ClientName), options);
}
