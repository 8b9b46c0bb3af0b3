namespace EPI.Collab.Load;

/// <summary>
/// Scopes a <c>perf record</c> of the service to the S1 storms (<c>EPI_PERF_PROFILE=perf ./ops/perf.sh …</c>): when
/// <c>EPI_LOAD_PERF_CTL</c> names perf's control fifo, the driver enables the events as a storm starts and disables them
/// at its last acknowledgement, so the samples hold the ballot path and not the joins before it.
/// </summary>
internal static class StormProfile
{
    private static readonly string? Fifo = Environment.GetEnvironmentVariable("EPI_LOAD_PERF_CTL");

    public static void Enable() => Send("enable");

    public static void Disable() => Send("disable");

    private static void Send(string command)
    {
        if (string.IsNullOrEmpty(Fifo)) return;
        using var writer = new StreamWriter(Fifo, append: true);
        writer.WriteLine(command);
    }
}
