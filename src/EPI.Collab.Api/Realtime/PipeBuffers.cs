namespace EPI.Collab.Api.Realtime;

/// <summary>
/// How many arrays of one size the runtime's shared array pool keeps per core. A push to a room writes the message into
/// every hub connection's pipe, and each pipe rents a 4 KB segment from that pool until its transport has sent it: a
/// tally to 10,000 phones rents 10,000 segments at once. With the runtime's default (32 per core) all but 64 of them were
/// garbage after each push (40 MB per push, a quarter of all a 10,000-phone storm allocated), and the segments still in
/// flight when a collection came were copied into older generations. Kept, they are rented again by the next push.
/// The runtime reads the setting once, from its environment, the first time the pool is used: so the service sets it
/// first thing in <c>Program.cs</c>, unless the operator already has. Memory it keeps is only what was rented at once.
/// </summary>
public static class PipeBuffers
{
    public const string Variable = "DOTNET_SYSTEM_BUFFERS_SHAREDARRAYPOOL_MAXARRAYSPERPARTITION";

    /// <summary>Per core: on 2 cores 16,384 segments, a room of 10,000 phones with room to spare (64 MB if all were kept).</summary>
    public const int ArraysPerCore = 8192;

    /// <summary>The value the service starts with: the operator's, or <see cref="ArraysPerCore"/>.</summary>
    public static string Setting(string? configured) => string.IsNullOrWhiteSpace(configured) ? ArraysPerCore.ToString() : configured;

    public static void KeepForLargeRooms() =>
        Environment.SetEnvironmentVariable(Variable, Setting(Environment.GetEnvironmentVariable(Variable)));
}
