using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace EPI.Collab.Chaos;

/// <summary>Where things are: the repository, the built service, and a directory for logs and raw outputs.</summary>
public sealed record Layout(string RepoRoot, string ServiceDll, string OutDir)
{
    public static Layout Find(string? outDir = null)
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Debug{Path.DirectorySeparatorChar}") ? "Debug" : "Release";
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "EPI.Collab.sln"))) dir = dir.Parent;
        var root = dir?.FullName ?? throw new InvalidOperationException("EPI.Collab.sln not found above " + AppContext.BaseDirectory);
        var dll = Path.Combine(root, "src", "EPI.Collab.Api", "bin", configuration, "net10.0", "EPI.Collab.Api.dll");
        if (!File.Exists(dll)) throw new InvalidOperationException($"{dll} is missing: build the service first (dotnet build -c {configuration}).");
        var output = outDir ?? Path.Combine(Path.GetTempPath(), $"epi-chaos-{Guid.NewGuid():N}");
        Directory.CreateDirectory(output);
        return new Layout(root, dll, output);
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static void Set(ProcessStartInfo start, string key, string? value)
    {
        if (value is null) start.Environment.Remove(key);
        else start.Environment[key] = value;
    }

    public static async Task<string> Run(string file, IEnumerable<string> args, IDictionary<string, string?>? env = null, TimeSpan? timeout = null)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) start.ArgumentList.Add(a);
        foreach (var (k, v) in env ?? new Dictionary<string, string?>()) Set(start, k, v);
        using var p = Process.Start(start)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(2));
        await p.WaitForExitAsync(cts.Token);
        if (p.ExitCode != 0) throw new InvalidOperationException($"{file} {string.Join(' ', args)} exited {p.ExitCode}: {await stderr}");
        return await stdout;
    }
}

/// <summary>One service process (the Release build run with <c>dotnet</c>), killed with SIGKILL and started again.</summary>
public sealed class ServiceNode(Layout layout, string name, string connectionString, IDictionary<string, string?>? extraEnv = null) : IAsyncDisposable
{
    public const string SigningKey = "chaos-drill-signing-key-shared-by-all-nodes!";
    private Process? _process;
    public int Port { get; } = Layout.FreePort();
    public Uri Url => new($"http://127.0.0.1:{Port}");
    public string Name => name;
    public int Starts { get; private set; }

    public void Start()
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(layout.ServiceDll)!, UseShellExecute = false,
            RedirectStandardOutput = true, RedirectStandardError = true
        };
        start.ArgumentList.Add(layout.ServiceDll);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(Url.ToString().TrimEnd('/'));
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        // The application name tells in pg_stat_activity which node holds which session (and advisory lock).
        start.Environment["ConnectionStrings__Marten"] = new NpgsqlConnectionStringBuilder(connectionString) { ApplicationName = name }.ConnectionString;
        start.Environment["Auth__SigningKey"] = SigningKey;
        start.Environment["Seed__Demo"] = "false";
        start.Environment["Database__StartupWaitSeconds"] = "120";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        // One harness process on loopback plays every phone: the per-address rate limits would refuse the storm.
        start.Environment["RateLimits__Enabled"] = "false";
        start.Environment.Remove("OTEL_EXPORTER_OTLP_ENDPOINT");
        foreach (var (k, v) in extraEnv ?? new Dictionary<string, string?>()) Layout.Set(start, k, v);
        _process = Process.Start(start)!;
        Starts++;
        var log = new StreamWriter(Path.Combine(layout.OutDir, $"{name}.log"), append: true) { AutoFlush = true };
        log.WriteLine($"==== start #{Starts} at {DateTime.UtcNow:O} pid {_process.Id}");
        _process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>SIGKILL: no shutdown hooks, no flush, in-flight requests lose their answers.</summary>
    public void Kill()
    {
        if (_process is null || _process.HasExited) return;
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit(10_000);
    }

    public async Task<TimeSpan> WaitReady(TimeSpan timeout)
    {
        var watch = Stopwatch.StartNew();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(3) };
        while (watch.Elapsed < timeout)
        {
            if (_process is { HasExited: true }) throw new InvalidOperationException($"{name} exited with {_process.ExitCode}; see {layout.OutDir}/{name}.log");
            try
            {
                if ((await http.GetAsync(new Uri(Url, "/health/ready"))).IsSuccessStatusCode) return watch.Elapsed;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException) { }
            await Task.Delay(200);
        }
        throw new TimeoutException($"{name} was not ready after {timeout}; see {layout.OutDir}/{name}.log");
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is null) return;
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }
}

/// <summary>A private PostgreSQL cluster run by ops/pg.sh, so that it can be stopped and killed without disturbing anything else.</summary>
public sealed class PrivateCluster : IAsyncDisposable
{
    private readonly Layout _layout;
    private readonly Dictionary<string, string?> _env;
    private readonly string _dir;
    public string ConnectionString { get; private set; } = "";

    public PrivateCluster(Layout layout, bool fsync)
    {
        _layout = layout;
        _dir = Directory.CreateTempSubdirectory("epi-chaos-pg.").FullName;
        // As root, ops/pg.sh runs the server as an unprivileged user, which must traverse this directory.
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(_dir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute |
            UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        _env = new()
        {
            ["ConnectionStrings__Marten"] = null, ["EPI_PG_DIR"] = Path.Combine(_dir, "pg"),
            ["EPI_PG_PORT"] = Layout.FreePort().ToString(), ["EPI_PG_DB"] = "epi_chaos", ["EPI_PG_FSYNC"] = fsync ? "on" : "off"
        };
    }

    private string PgSh => Path.Combine(_layout.RepoRoot, "ops", "pg.sh");

    public async Task Start()
    {
        var output = await Layout.Run(PgSh, ["start"], _env);
        var url = output.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1];
        ConnectionString = new NpgsqlConnectionStringBuilder(url) { Timeout = 3, CommandTimeout = 10 }.ConnectionString;
    }

    public Task Stop() => Layout.Run(PgSh, ["stop"], _env);

    /// <summary>SIGKILL to the postmaster: the next start runs crash recovery from the WAL.</summary>
    public async Task KillPostmaster()
    {
        var pidFile = Path.Combine(_dir, "pg", "postmaster.pid");
        var pid = int.Parse((await File.ReadAllLinesAsync(pidFile))[0].Trim());
        using var postmaster = Process.GetProcessById(pid);
        postmaster.Kill();
        await postmaster.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        try { await Layout.Run(PgSh, ["destroy"], _env); }
        catch (Exception e) { Console.Error.WriteLine($"chaos: could not destroy {_dir}: {e.Message}"); }
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }
}

/// <summary>Debian's redis-server as the SignalR backplane, on a port of its own, nothing saved to disk.</summary>
public sealed class RedisServer : IAsyncDisposable
{
    public int Port { get; } = Layout.FreePort();
    private readonly string _pidFile = Path.Combine(Path.GetTempPath(), $"epi-chaos-redis-{Guid.NewGuid():N}.pid");
    public string Configuration => $"127.0.0.1:{Port}";

    public async Task Start()
    {
        var server = File.Exists("/usr/bin/redis-server") ? "/usr/bin/redis-server" : "redis-server";
        await Layout.Run(server, ["--port", Port.ToString(), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
            "--daemonize", "yes", "--pidfile", _pidFile]);
        for (var i = 0; i < 50 && !File.Exists(_pidFile); i++) await Task.Delay(100);
    }

    public async ValueTask DisposeAsync()
    {
        if (!File.Exists(_pidFile)) return;
        using var redis = Process.GetProcessById(int.Parse((await File.ReadAllTextAsync(_pidFile)).Trim()));
        redis.Kill();
        await redis.WaitForExitAsync();
        File.Delete(_pidFile);
    }
}
