namespace EPI.Collab.Load;

/// <summary>
/// S3: ramp to N idle phones in one workshop. Measures each phone's join latency (WebSocket connect + JoinWorkshop
/// confirmed) and the service's memory per connection (after a full collection, before and after the ramp).
/// </summary>
public static class Connections
{
    public static async Task<ScenarioResult> Run(LoadOptions o, Service service, ServerProbe probe, TextWriter log, CancellationToken ct = default)
    {
        var r = new ScenarioResult("s3-connections", $"S3 connections: ramp to {o.IdlePhones} idle phones in one workshop");
        r.Parameters["phones"] = o.IdlePhones;
        r.Parameters["connect_parallelism"] = o.ConnectParallelism;
        var room = await Room.Open(service, o, "Load S3 connections");
        // Past this process's open-files limit (this sandbox: 20,000, hard) a connection fails at the socket and the run
        // measures the limit, not the service: the ramp stops below it and the report says so (the target stays unmet).
        var ramp = o.IdlePhones;
        while (ramp > 0 && !FileLimit.Allow(ramp)) ramp -= 1_000;
        if (ramp < o.IdlePhones)
            r.Notes.Add($"Ramped to {ramp:N0}, not {o.IdlePhones:N0}: this process may open {FileLimit.Limit:N0} files (`ulimit -n`).");
        var joinClock = System.Diagnostics.Stopwatch.StartNew();
        var phones = await room.JoinMany(ramp, o.JoinParallelism);
        r.Figure("http_joins_per_s", phones.Count / joinClock.Elapsed.TotalSeconds);
        log.WriteLine($"s3: {phones.Count} participants joined over HTTP in {joinClock.Elapsed.TotalSeconds:F1} s; ramping connections");

        var before = await probe.Snapshot(collect: true);
        Limits(r, o.IdlePhones, probe);
        var rssBefore = before?.ProcRssBytes();
        var latency = r.Latency("connect + JoinWorkshop");
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var failed = await Phones.ConnectAll(phones, o.ConnectParallelism, latency, ct);
        r.Figure("ramp_seconds", clock.Elapsed.TotalSeconds);
        var connected = phones.Count - failed;
        r.Errors = failed;
        r.Figure("connected", connected);
        await Task.Delay(TimeSpan.FromSeconds(2), ct);
        if (Environment.GetEnvironmentVariable("EPI_LOAD_S3_HOLD") is { } hold) { log.WriteLine("s3: holding"); await Task.Delay(TimeSpan.FromSeconds(int.Parse(hold)), ct); }
        var after = await probe.Snapshot(collect: true);
        ServerProbe.Record(r, before, after);
        if (before is not null && after is not null && connected > 0)
        {
            var perWorkingSet = (after.WorkingSetBytes - before.WorkingSetBytes) / (double)connected / 1024;
            var perGcHeap = (after.GcHeapBytes - before.GcHeapBytes) / (double)connected / 1024;
            r.Figure("kb_per_connection_working_set", perWorkingSet);
            r.Figure("kb_per_connection_gc_heap", perGcHeap);
            if (rssBefore is { } rb && after.ProcRssBytes() is { } ra) r.Figure("kb_per_connection_proc_rss", (ra - rb) / (double)connected / 1024);
            // The managed heap is part of the working set: a working set that grew less than the heap was trimmed during the
            // ramp (memory earlier scenarios left committed, returned to the OS), so it says nothing about the connections.
            if (perWorkingSet < perGcHeap)
                r.Notes.Add($"The working set grew by {perWorkingSet:F1} KB per connection, less than the managed heap ({perGcHeap:F1} KB): " +
                    "memory committed before the ramp was returned during it. The target is checked against the managed heap's growth, a lower bound.");
            r.Check("S3 KB per connection, working set (≤ 15)", Math.Max(perWorkingSet, perGcHeap), 15, atLeast: false);
        }
        r.Check($"S3 connections reached (≥ {o.IdlePhones})", connected, o.IdlePhones, atLeast: true);
        log.WriteLine($"s3: {connected} connected, {failed} failed, p99 join {latency.Summary.P99} ms");
        await Phones.DisposeAll(phones);
        return r;
    }

    /// <summary>
    /// What caps the number of connections on this machine, noted in the report: the open-file limit of the driver and of the
    /// service (each connection is a socket on both sides) and the ephemeral ports of one source address towards the service.
    /// </summary>
    private static void Limits(ScenarioResult r, int connections, ServerProbe probe)
    {
        if (FileLimit.Of("self") is { } driver)
        {
            r.Figure("driver_open_files_limit", driver);
            if (driver < connections + 1000) r.Notes.Add($"The driver may open {driver} files: fewer than {connections} connections and its own files (raise `ulimit -n`).");
        }
        if (probe.ServiceProcessId is { } pid && FileLimit.Of($"{pid}") is { } service)
        {
            r.Figure("service_open_files_limit", service);
            if (service < connections + 1000) r.Notes.Add($"The service may open {service} files: fewer than {connections} connections and its own files (raise `ulimit -n`).");
        }
        try
        {
            var range = File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range").Split((char[])['\t', ' '], StringSplitOptions.RemoveEmptyEntries);
            var ports = int.Parse(range[1]) - int.Parse(range[0]) + 1;
            r.Figure("ephemeral_ports", ports);
            if (ports < connections + 1000)
                r.Notes.Add($"{ports} ephemeral ports towards one service address: fewer than {connections} connections (widen net.ipv4.ip_local_port_range).");
        }
        catch (IOException) { }
    }
}
