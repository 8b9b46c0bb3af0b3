namespace EPI.Collab.Load;

/// <summary>Reads the service's own process figures (GET /api/ops/process, admin) around a scenario.</summary>
public sealed class ServerProbe(Service service, string adminToken)
{
    public static async Task<ServerProbe> Create(Service service, LoadOptions o) => new(service, await service.LogIn(o.Admin, o.AdminPassword));

    // The driver's own CPU time when each snapshot was taken: the phones it simulates share this machine's cores.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<ProcessFigures, object> DriverCpu = new();

    /// <summary>The service's process id, once a snapshot named it.</summary>
    public int? ServiceProcessId { get; private set; }

    public async Task<ProcessFigures?> Snapshot(bool collect = false)
    {
        var figures = await service.Process(adminToken, collect);
        if (figures is not null) ServiceProcessId = figures.ProcessId;
        if (figures is not null) DriverCpu.AddOrUpdate(figures, System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds);
        return figures;
    }

    /// <summary>
    /// Waits until the service is quiet — under a fifth of a core over a second (the keep-alives of 10,000 connections
    /// cost some) — or until <paramref name="limit"/> passed (at once when it is zero); the seconds waited. Phones connect
    /// minutes before a vote; right after thousands of connections the runtime is still recompiling what they made hot
    /// (the JIT's tiers, in the background), which a storm started at once would pay for.
    /// </summary>
    public async Task<double> WaitIdle(TimeSpan limit)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var last = await Snapshot();
        while (last is not null && clock.Elapsed < limit)
        {
            await Task.Delay(TimeSpan.FromSeconds(1));
            var next = await Snapshot();
            if (next is null) break;
            var wall = (next.At - last.At).TotalSeconds;
            if (wall > 0 && (next.CpuSeconds - last.CpuSeconds) / wall < 0.2) break;
            last = next;
        }
        return clock.Elapsed.TotalSeconds;
    }

    /// <summary>The 1-minute load average of this machine (runnable processes; 2 means both cores busy), when known.</summary>
    public static double? LoadAverage()
    {
        try { return double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture); }
        catch (IOException) { return null; }
    }

    /// <summary>CPU cores the service used between two snapshots, and its memory at the second.</summary>
    public static void Record(ScenarioResult r, ProcessFigures? before, ProcessFigures? after)
    {
        if (LoadAverage() is { } load) r.Figure("machine_load_average_1m", load);
        if (before is null || after is null) { r.Notes.Add("The service's /api/ops/process endpoint was not available: no server figures."); return; }
        var wall = (after.At - before.At).TotalSeconds;
        if (wall > 0) r.Figure("server_cpu_cores", (after.CpuSeconds - before.CpuSeconds) / wall);
        if (wall > 0 && DriverCpu.TryGetValue(before, out var driverBefore) && DriverCpu.TryGetValue(after, out var driverAfter))
            r.Figure("driver_cpu_cores", ((double)driverAfter - (double)driverBefore) / wall);
        r.Figure("server_working_set_mb", after.WorkingSetBytes / 1048576.0);
        r.Figure("server_gc_heap_mb", after.GcHeapBytes / 1048576.0);
        r.Figure("server_gen2_collections", after.Gen2Collections - before.Gen2Collections);
        if (after.ProcRssBytes() is { } rss) r.Figure("server_proc_rss_mb", rss / 1048576.0);
    }
}

public static class Phones
{
    /// <summary>Connects every phone (WebSocket + JoinWorkshop), some at a time; returns how many failed.</summary>
    public static async Task<int> ConnectAll(IReadOnlyList<Phone> phones, int parallel, Series? latency = null, CancellationToken ct = default)
    {
        var failed = 0;
        await Parallel.ForEachAsync(phones, new ParallelOptions { MaxDegreeOfParallelism = parallel, CancellationToken = ct }, async (p, token) =>
        {
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            try
            {
                await p.Connect(token);
                latency?.Add(System.Diagnostics.Stopwatch.GetElapsedTime(started));
            }
            catch (Exception) when (!token.IsCancellationRequested)
            {
                Interlocked.Increment(ref failed);
            }
        });
        return failed;
    }

    public static async Task DisposeAll(IEnumerable<Phone> phones)
    {
        foreach (var chunk in phones.Chunk(200)) await Task.WhenAll(chunk.Select(p => p.DisposeAsync().AsTask()));
    }

    /// <summary>Waits until <paramref name="done"/> holds or the time is up; true when it held.</summary>
    public static async Task<bool> Until(Func<bool> done, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!done())
        {
            if (DateTime.UtcNow > deadline) return false;
            await Task.Delay(50);
        }
        return true;
    }
}
