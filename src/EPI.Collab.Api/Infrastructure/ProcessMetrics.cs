using System.Diagnostics;
using EPI.Collab.Api.Infrastructure.Auth;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace EPI.Collab.Api.Infrastructure;

/// <summary>The service process's own memory and CPU, read by the load driver (ops/perf.sh) before and after a scenario.</summary>
/// <param name="CpuSeconds">User + system CPU time consumed since the process started.</param>
/// <param name="GcHeapBytes">Managed heap in use (after a full collection when <c>collect=true</c>).</param>
public sealed record ProcessSnapshot(
    int ProcessId, DateTimeOffset At, double UptimeSeconds, double CpuSeconds, int ProcessorCount, long WorkingSetBytes,
    long PrivateBytes, long GcHeapBytes, long GcCommittedBytes, int Gen0Collections, int Gen1Collections, int Gen2Collections, int Threads);

public static class GetProcessSnapshotEndpoint
{
    /// <summary>Memory and CPU of this service process; <c>collect=true</c> runs a full garbage collection first (admins only).</summary>
    [WolverineGet("/api/ops/process", OperationId = "GetProcessSnapshot")]
    [Authorize(Policy = Policies.Admin), Tags("Operations")]
    public static ProcessSnapshot Get(bool? collect)
    {
        var heap = GC.GetTotalMemory(forceFullCollection: collect == true);
        using var process = Process.GetCurrentProcess();
        return new ProcessSnapshot(Environment.ProcessId, DateTimeOffset.UtcNow, (DateTime.Now - process.StartTime).TotalSeconds,
            process.TotalProcessorTime.TotalSeconds, Environment.ProcessorCount, process.WorkingSet64, process.PrivateMemorySize64, heap,
            GC.GetGCMemoryInfo().TotalCommittedBytes, GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), process.Threads.Count);
    }
}
