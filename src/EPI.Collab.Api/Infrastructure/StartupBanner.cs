using EPI.Collab.Api.Infrastructure.Auth;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace EPI.Collab.Api.Infrastructure;

/// <summary>Prints where everything is, and the demo logins when the configuration has any.</summary>
public static class StartupBanner
{
    public static WebApplication PrintStartupBanner(this WebApplication app, string hubPath)
    {
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses;
            var root = addresses?.FirstOrDefault()?.Replace("0.0.0.0", "localhost").Replace("[::]", "localhost");
            if (root is null) return;

            var lines = new List<string>
            {
                "", "EPI Collab is running.",
                $"  API reference  {root}{OpenApi.ReferencePath}",
                $"  OpenAPI        {root}{OpenApi.DocumentPath}",
                $"  SignalR hub    {root}{hubPath}",
                $"  Health         {root}{Health.LivePath}  {root}{Health.ReadyPath}",
                $"  Cities         {root}/api/cities"
            };
            var demo = app.Services.GetRequiredService<IOptions<AuthOptions>>().Value.Accounts
                .Where(a => a.DemoPassword is not null).ToList();
            if (demo.Count > 0)
            {
                lines.Add($"Demo logins (POST {root}/api/auth/login):");
                lines.AddRange(demo.Select(a => $"  {a.Username,-22} {a.DemoPassword,-16} {a.Role}{(a.City is null ? "" : " of " + a.City)}"));
            }
            Console.WriteLine(string.Join(Environment.NewLine, lines) + Environment.NewLine);
        });
        return app;
    }
}
