namespace EPI.Collab.Load;

/// <summary>This process's open-files limit (the service runs under the same one: ops/perf.sh starts both).</summary>
internal static class FileLimit
{
    /// <summary>Room kept for everything that is not a phone's socket: the HTTP pool, PostgreSQL, files, the runtime.</summary>
    private const int Margin = 2_000;

    public static long Limit { get; } = Read();

    /// <summary>Whether this many sockets more still fit under the limit.</summary>
    public static bool Allow(int sockets) => sockets + Margin <= Limit;

    private static long Read()
    {
        // "Max open files            20000                20000                files"
        var line = File.Exists("/proc/self/limits")
            ? File.ReadLines("/proc/self/limits").FirstOrDefault(l => l.StartsWith("Max open files", StringComparison.Ordinal))
            : null;
        var soft = line?.Split(' ', StringSplitOptions.RemoveEmptyEntries).ElementAtOrDefault(3);
        return long.TryParse(soft, out var limit) ? limit : long.MaxValue;
    }
}
