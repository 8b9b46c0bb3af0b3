using Microsoft.AspNetCore.SignalR;
using JasperFx.Events.Daemon;
using Wolverine;

namespace EPI.Collab.Api.Infrastructure;

/// <summary>
/// What changes when the service runs on several nodes, each behind a configuration key whose default is the
/// single-node behaviour:
/// <list type="bullet">
/// <item><c>ScaleOut:Daemon</c> = <c>Solo</c> (default) or <c>HotCold</c>: the async daemon (the live relay, the hash
/// chain, async projections) runs on exactly one node at a time, elected by a PostgreSQL advisory lock, and moves to
/// another node when that one dies.</item>
/// <item><c>ScaleOut:Durability</c> = <c>Solo</c> or <c>Balanced</c> (Wolverine's default when unset): Wolverine's
/// inbox/outbox recovery agents assume several nodes and take over the messages of a dead node.</item>
/// <item><c>SignalR:Redis</c> = a StackExchange.Redis configuration string (e.g. <c>127.0.0.1:6379</c>): the SignalR
/// backplane, so a push sent by the node that runs the relay reaches phones connected to every node.</item>
/// </list>
/// </summary>
public static class ScaleOut
{
    public static DaemonMode Daemon(IConfiguration configuration) =>
        configuration["ScaleOut:Daemon"] is { Length: > 0 } value
            ? Enum.Parse<DaemonMode>(value, ignoreCase: true) is var mode && mode is DaemonMode.Solo or DaemonMode.HotCold
                ? mode
                : throw new InvalidOperationException($"ScaleOut:Daemon must be Solo or HotCold, not {value}.")
            : DaemonMode.Solo;

    public static void ApplyDurability(WolverineOptions opts, IConfiguration configuration)
    {
        if (configuration["ScaleOut:Durability"] is not { Length: > 0 } value) return;
        var mode = Enum.Parse<DurabilityMode>(value, ignoreCase: true);
        opts.Durability.Mode = mode is DurabilityMode.Solo or DurabilityMode.Balanced
            ? mode
            : throw new InvalidOperationException($"ScaleOut:Durability must be Solo or Balanced, not {value}.");
    }

    public static ISignalRServerBuilder AddBackplane(this ISignalRServerBuilder signalR, IConfiguration configuration)
    {
        if (configuration["SignalR:Redis"] is not { Length: > 0 } redis) return signalR;
        return signalR.AddStackExchangeRedis(redis, o => o.Configuration.ChannelPrefix =
            StackExchange.Redis.RedisChannel.Literal(configuration["SignalR:RedisChannelPrefix"] ?? "epi-collab"));
    }
}
