using System.Diagnostics;
using EPI.Collab.Api.Infrastructure.Auth;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace EPI.Collab.Api.Infrastructure;

/// <summary>The service process's own memory and CPU, read by the load driver (ops/perf.sh) before and after a scenario.</summary>
/// <param name="CpuSeconds">User + system CPU time consumed since the process started.</param>
/// <param name="WorkingSetBytes">Resident memory of the process (after <c>collect=true</c>: with the free memory returned to the OS).</param>
/// <param name="GcHeapBytes">Managed heap in use (after a full collection when <c>collect=true</c>).</param>
public sealed record ProcessSnapshot(
    int ProcessId, DateTimeOffset At, double UptimeSeconds, double CpuSeconds, int ProcessorCount, long WorkingSetBytes,
    long PrivateBytes, long GcHeapBytes, long GcCommittedBytes, int Gen0Collections, int Gen1Collections, int Gen2Collections, int Threads);

public static class GetProcessSnapshotEndpoint
{
    /// <summary>
    /// Memory and CPU of this service process (admins only). <c>collect=true</c> first runs a full, compacting collection that
    /// returns the free memory to the OS, so the working sets of two snapshots differ by what the process holds, not by what
    /// earlier work left committed (the load driver's S3 runs after S2's 5,000 phones).
    /// </summary>
    [WolverineGet("/api/ops/process", OperationId = "GetProcessSnapshot")]
    [Authorize(Policy = Policies.Admin), Tags("Operations")]
    public static ProcessSnapshot Get(bool? collect)
    {
        if (collect == true) GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        var heap = GC.GetTotalMemory(forceFullCollection: false);
        using var process = Process.GetCurrentProcess();
        return new ProcessSnapshot(Environment.ProcessId, DateTimeOffset.UtcNow, (DateTime.Now - process.StartTime).TotalSeconds,
            process.TotalProcessorTime.TotalSeconds, Environment.ProcessorCount, process.WorkingSet64, process.PrivateMemorySize64, heap,
            GC.GetGCMemoryInfo().TotalCommittedBytes, GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), process.Threads.Count);
    }
}
