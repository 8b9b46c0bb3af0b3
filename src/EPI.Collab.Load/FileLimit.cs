namespace EPI.Collab.Load;

/// <summary>Open-files limits: this process's (the service runs under the same one: ops/perf.sh starts both) and another's.</summary>
internal static class FileLimit
{
    /// <summary>Room kept for everything that is not a phone's socket: the HTTP pool, PostgreSQL, files, the runtime.</summary>
    private const int Margin = 2_000;

    public static long Limit { get; } = Of("self") ?? long.MaxValue;

    /// <summary>Whether this many sockets more still fit under this process's limit.</summary>
    public static bool Allow(int sockets) => sockets + Margin <= Limit;

    /// <summary>The soft open-files limit of a process ("self" or a pid), when /proc tells it.</summary>
    public static long? Of(string pid)
    {
        try
        {
            // "Max open files            20000                20000                files"
            var line = File.ReadLines($"/proc/{pid}/limits").FirstOrDefault(l => l.StartsWith("Max open files", StringComparison.Ordinal));
            var soft = line?["Max open files".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries)[0];
            return long.TryParse(soft, out var n) ? n : null;
        }
        catch (IOException) { return null; }
        catch (UnauthorizedAccessException) { return null; }
    }
}
