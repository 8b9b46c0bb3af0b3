using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;
using System.Threading.RateLimiting;
using EPI.Collab.Api.Infrastructure.Auth;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace EPI.Collab.Api.Infrastructure;

/// <summary>What a rate-limited endpoint is: its limits are configured per kind.</summary>
public enum RateLimitKind { Joining, Ballots, LoggingIn }

/// <summary>Marks an endpoint as limited per client address and per signed-in subject (429 with Retry-After beyond).</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class RateLimitedAttribute(RateLimitKind kind) : Attribute
{
    public RateLimitKind Kind { get; } = kind;
}

/// <summary>Permits per window for one kind; 0 switches that limit off.</summary>
public sealed class RateLimitRule
{
    public int PerAddress { get; set; }
    public int PerSubject { get; set; }
    public int WindowSeconds { get; set; } = 60;
}

/// <summary>
/// Limits on what scripts abuse: guessing join codes, inflating votes, guessing passwords. A room of phones usually
/// shares one address (venue Wi-Fi, mobile carrier NAT), so the per-address limits are generous and the per-subject
/// ones tight. Behind a reverse proxy, configure forwarded headers so the client address is the phone's.
/// </summary>
public sealed class RateLimitOptions
{
    public bool Enabled { get; set; } = true;
    public RateLimitRule Joining { get; set; } = new() { PerAddress = 300, PerSubject = 10 };
    public RateLimitRule Ballots { get; set; } = new() { PerAddress = 3000, PerSubject = 30 };
    public RateLimitRule LoggingIn { get; set; } = new() { PerAddress = 30 };

    public RateLimitRule For(RateLimitKind kind) => kind switch
    {
        RateLimitKind.Joining => Joining,
        RateLimitKind.Ballots => Ballots,
        _ => LoggingIn
    };
}

public static class RateLimiting
{
    private static readonly ConcurrentDictionary<Endpoint, RateLimitKind?> Kinds = new();

    public static IServiceCollection AddEpiRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RateLimitOptions>().Bind(configuration.GetSection("RateLimits"));
        services.AddSingleton<CallLimits>();
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<RateLimitOptions>>((o, configured) =>
        {
            var options = configured.Value;
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = (context, ct) => RejectAsync(context.HttpContext, context.Lease, ct);
            if (!options.Enabled) return;
            o.GlobalLimiter = PartitionedRateLimiter.CreateChained(
                PartitionedRateLimiter.Create<HttpContext, string>(http =>
                    Partition(http, options, rule => rule.PerAddress, () => http.Connection.RemoteIpAddress?.ToString() ?? "unknown")),
                PartitionedRateLimiter.Create<HttpContext, string>(http =>
                    Partition(http, options, rule => rule.PerSubject, () => http.User.FindFirst(EpiClaims.Subject)?.Value)));
        });
        return services;
    }

    private static RateLimitPartition<string> Partition(HttpContext http, RateLimitOptions options, Func<RateLimitRule, int> permits,
        Func<string?> key) =>
        KindOf(http) is { } kind ? Window(kind, options.For(kind), permits, key()) : RateLimitPartition.GetNoLimiter("");

    /// <summary>A fixed window of the rule's permits for one kind and one key (an address or a subject); none without a key or a limit.</summary>
    internal static RateLimitPartition<string> Window(RateLimitKind kind, RateLimitRule rule, Func<RateLimitRule, int> permits, string? key)
    {
        var limit = permits(rule);
        if (limit <= 0 || key is not { } partition) return RateLimitPartition.GetNoLimiter("");
        return RateLimitPartition.GetFixedWindowLimiter($"{kind}:{partition}", _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = limit,
            Window = TimeSpan.FromSeconds(rule.WindowSeconds),
            QueueLimit = 0,
            AutoReplenishment = true
        });
    }

    private static RateLimitKind? KindOf(HttpContext http) =>
        http.GetEndpoint() is { } endpoint
            ? Kinds.GetOrAdd(endpoint, e => (e.Metadata.GetMetadata<RateLimitedAttribute>()
                                             ?? e.Metadata.GetMetadata<MethodInfo>()?.GetCustomAttribute<RateLimitedAttribute>())?.Kind)
            : null;

    private static async ValueTask RejectAsync(HttpContext http, RateLimitLease lease, CancellationToken ct)
    {
        var retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)) : 60;
        http.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
        var problems = http.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = "Too many requests.",
                Detail = $"Too many requests from this device or address; try again in {retryAfter} s."
            }.WithCode("rate-limited")
        });
    }
}

/// <summary>
/// The same limits for calls that do not come through the HTTP pipeline (a hub method): a fixed window per address and
/// per subject for each kind, with the configured permits (<c>RateLimits</c>). These counters are the node's own,
/// separate from the HTTP endpoints' (a client using both paths gets each path's permits).
/// </summary>
public sealed class CallLimits : IDisposable
{
    private readonly PartitionedRateLimiter<(RateLimitKind Kind, string? Subject, string? Address)> _limiter;

    public CallLimits(IOptions<RateLimitOptions> configured)
    {
        var options = configured.Value;
        _limiter = options.Enabled
            ? PartitionedRateLimiter.CreateChained(
                PartitionedRateLimiter.Create<(RateLimitKind Kind, string? Subject, string? Address), string>(call =>
                    RateLimiting.Window(call.Kind, options.For(call.Kind), rule => rule.PerAddress, call.Address ?? "unknown")),
                PartitionedRateLimiter.Create<(RateLimitKind Kind, string? Subject, string? Address), string>(call =>
                    RateLimiting.Window(call.Kind, options.For(call.Kind), rule => rule.PerSubject, call.Subject)))
            : PartitionedRateLimiter.Create<(RateLimitKind Kind, string? Subject, string? Address), string>(_ => RateLimitPartition.GetNoLimiter(""));
    }

    /// <summary>Null when the call may go ahead (it took a permit); otherwise how long until it may.</summary>
    public TimeSpan? Refusal(RateLimitKind kind, string? subject, string? address)
    {
        using var lease = _limiter.AttemptAcquire((kind, subject, address));
        return lease.IsAcquired ? null
            : lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(60);
    }

    /// <summary>The 429 of a refused call, as the HTTP endpoints answer it.</summary>
    public static ProblemDetails TooMany(TimeSpan retryAfter)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        var problem = new ProblemDetails
        {
            Status = StatusCodes.Status429TooManyRequests,
            Title = "Too many requests.",
            Detail = $"Too many requests from this device or address; try again in {seconds} s."
        }.WithCode("rate-limited");
        return problem;
    }

    public void Dispose() => _limiter.Dispose();
}
