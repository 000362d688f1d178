using System.Globalization;
using Npgsql;

namespace M3CoreCrm.IntegrationTests.Infrastructure;

/// <summary>
/// A throwaway cluster from the machine's PostgreSQL binaries: initdb in a temp folder, listening on 127.0.0.1 only,
/// durability off for speed unless asked (crash tests). Run as the postgres OS user when the tests run as root
/// (PostgreSQL refuses root). It keeps its folder and port across stop, kill and start. Dispose stops it and deletes
/// the folder.
/// </summary>
internal sealed class LocalPostgresCluster : PostgresServer
{
    private const string OsUser = "postgres";
    private const string SuperuserPassword = "postgres";
    private static readonly TimeSpan ToolTimeout = TimeSpan.FromSeconds(90);

    private readonly string _binDirectory;
    private readonly string _folder;
    private readonly int _port;
    private readonly bool _durable;
    private List<int> _frozen = [];
    private bool _disposed;

    private LocalPostgresCluster(string binDirectory, string folder, int port, bool durable)
    {
        _binDirectory = binDirectory;
        _folder = folder;
        _port = port;
        _durable = durable;
    }

    /// <summary>The temp folder holding data/, the log and the socket; gone after dispose.</summary>
    internal string Folder => _folder;

    internal override string SuperuserConnectionString => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = _port,
        Username = "postgres",
        Password = SuperuserPassword,
        Database = "postgres",
    }.ConnectionString;

    internal override string Kind => $"local cluster ({_binDirectory})";

    private string DataDirectory => Path.Combine(_folder, "data");

    private static string? RunAs => ProcessRunner.IsRoot ? OsUser : null;

    /// <summary>The highest installed version's bin folder, else pg_config's, else null.</summary>
    internal static async Task<string?> FindBinDirectoryAsync()
    {
        const string debianRoot = "/usr/lib/postgresql";
        if (Directory.Exists(debianRoot))
        {
            var newest = Directory.GetDirectories(debianRoot)
                .Select(d => (Path: Path.Combine(d, "bin"), Version: double.TryParse(Path.GetFileName(d), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : -1))
                .Where(d => File.Exists(Path.Combine(d.Path, "initdb")))
                .OrderByDescending(d => d.Version)
                .Select(d => d.Path)
                .FirstOrDefault();
            if (newest is not null)
            {
                return newest;
            }
        }

        try
        {
            var bin = (await ProcessRunner.RunAsync("pg_config", ["--bindir"], TimeSpan.FromSeconds(10))).Output.Trim();
            return File.Exists(Path.Combine(bin, "initdb")) ? bin : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null; // no pg_config on PATH
        }
    }

    internal static new Task<LocalPostgresCluster> StartAsync() => StartAsync(durable: false);

    /// <summary>A new cluster; <paramref name="durable"/> turns fsync, synchronous_commit and full_page_writes on.</summary>
    internal static async Task<LocalPostgresCluster> StartAsync(bool durable)
    {
        var bin = await FindBinDirectoryAsync()
            ?? throw new InvalidOperationException(
                $"No PostgreSQL: set {ExistingServerVariable}, run a Docker engine, or install the server binaries (test.sh does).");
        var folder = ThrowawayFolder.Create("m3core-pg");
        var cluster = new LocalPostgresCluster(bin, folder, FreePort.Next(), durable);
        try
        {
            await cluster.InitializeAsync();
            await cluster.StartAgainAsync();
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    private async Task InitializeAsync()
    {
        if (ProcessRunner.IsRoot)
        {
            await ProcessRunner.RunCheckedAsync("chown", [$"{OsUser}:", _folder], ToolTimeout);
        }

        // Password authentication over TCP, as in production: trust would hide a role created without its password.
        var passwordFile = Path.Combine(_folder, "superuser.pw");
        await File.WriteAllTextAsync(passwordFile, SuperuserPassword);
        await ProcessRunner.RunCheckedAsync(Tool("initdb"),
            ["-D", DataDirectory, "-U", "postgres", "--pwfile", passwordFile, "--auth-local=trust", "--auth-host=scram-sha-256",
                "-E", "UTF8", "--locale=C", "--no-sync"],
            ToolTimeout, _folder, RunAs);
        File.Delete(passwordFile);

        // The socket path must fit in 107 bytes; TCP is what the tests use, so a long folder just gets no socket.
        var socketDirectory = _folder.Length < 80 ? _folder : string.Empty;
        var durability = _durable ? "on" : "off";
        await File.AppendAllTextAsync(Path.Combine(DataDirectory, "postgresql.conf"), $"""

            listen_addresses = '127.0.0.1'
            port = {_port}
            unix_socket_directories = '{socketDirectory}'
            fsync = {durability}
            synchronous_commit = {durability}
            full_page_writes = {durability}
            max_connections = 400
            shared_buffers = 64MB
            """);
    }

    internal override async Task StopAsync() => await StopAsync("fast");

    /// <summary>Immediate shutdown: backends are killed without a checkpoint, so the next start runs crash recovery.</summary>
    internal Task StopImmediatelyAsync() => StopAsync("immediate");

    /// <summary>
    /// SIGKILL to the postmaster alone, as a crash would, then waits until its children noticed and exited (they
    /// would keep the shared memory and block the next start). Returns the killed pid.
    /// </summary>
    internal async Task<int> KillPostmasterAsync()
    {
        var pid = PostmasterPid() ?? throw new InvalidOperationException("The cluster is not running: no postmaster.pid.");
        using (var postmaster = System.Diagnostics.Process.GetProcessById(pid))
        {
            postmaster.Kill(entireProcessTree: false); // SIGKILL on Unix
        }

        // Orphaned children are found by their working folder (the data folder): backends forked an instant before
        // the kill are not in any earlier list, and their parent is no longer the postmaster.
        await WaitUntilNoServerProcessAsync(TimeSpan.FromSeconds(30));
        foreach (var leftover in ServerProcesses())
        {
            KillQuietly(leftover); // a backend that did not notice its postmaster's death in time
        }

        await WaitUntilNoServerProcessAsync(TimeSpan.FromSeconds(10));

        // The killed postmaster can stay a zombie where nobody reaps orphans (a container's init), and PostgreSQL
        // takes the pid in its lock files for a running server. Every process is gone: the lock files go, as a
        // reboot would clear them.
        File.Delete(Path.Combine(DataDirectory, "postmaster.pid"));
        File.Delete(Path.Combine(_folder, $".s.PGSQL.{_port}.lock"));
        return pid;
    }

    /// <summary>
    /// SIGSTOP to every server process: the server keeps its sockets but answers nothing, as a hung host would. Its
    /// clients then depend on their own timeouts.
    /// </summary>
    internal async Task FreezeAsync()
    {
        _frozen = ServerProcesses();
        await ProcessRunner.RunCheckedAsync("kill", ["-STOP", .. _frozen.Select(p => p.ToString(CultureInfo.InvariantCulture))], ToolTimeout);
    }

    /// <summary>SIGCONT to the processes <see cref="FreezeAsync"/> stopped.</summary>
    internal async Task ThawAsync()
    {
        await ProcessRunner.RunCheckedAsync("kill", ["-CONT", .. _frozen.Select(p => p.ToString(CultureInfo.InvariantCulture))], ToolTimeout);
        _frozen = [];
    }

    /// <summary>The server's log (pg_ctl -l): startup, crash recovery and fatal errors.</summary>
    internal string LogFile => Path.Combine(_folder, "postgres.log");

    internal override async Task StartAgainAsync()
    {
        var result = await ProcessRunner.RunAsync(Tool("pg_ctl"), ["start", "-D", DataDirectory, "-l", LogFile, "-w", "-t", "60"], ToolTimeout, _folder, RunAs);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"pg_ctl start exited with {result.ExitCode}: {result.Output}\nEnd of the server log:\n{await LogTailAsync()}");
        }
    }

    /// <summary>The last lines of the server log; read shared, as the server may still write to it.</summary>
    internal async Task<string> ReadLogAsync()
    {
        await using var stream = new FileStream(LogFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        return await reader.ReadToEndAsync();
    }

    private async Task<string> LogTailAsync() =>
        File.Exists(LogFile) ? string.Join('\n', (await ReadLogAsync()).Split('\n').TakeLast(15)) : "(no log)";

    public override async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (_frozen.Count > 0)
        {
            await ThawAsync(); // a stopped process would ignore the shutdown
        }

        await StopAsync("immediate");
        KillLeftover();
        ThrowawayFolder.Delete(_folder);
    }

    private async Task StopAsync(string mode)
    {
        if (File.Exists(Path.Combine(DataDirectory, "postmaster.pid")))
        {
            await ProcessRunner.RunAsync(Tool("pg_ctl"), ["stop", "-D", DataDirectory, "-m", mode, "-w", "-t", "60"], ToolTimeout, _folder, RunAs);
        }
    }

    /// <summary>Last resort when pg_ctl could not stop it.</summary>
    private void KillLeftover()
    {
        if (PostmasterPid() is not { } pid)
        {
            return;
        }

        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            process.Kill(entireProcessTree: true);
            process.WaitForExit(TimeSpan.FromSeconds(10));
        }
        catch (ArgumentException)
        {
            // already gone
        }
    }

    /// <summary>The first line of postmaster.pid, while the file exists.</summary>
    private int? PostmasterPid()
    {
        var pidFile = Path.Combine(DataDirectory, "postmaster.pid");
        return File.Exists(pidFile) && int.TryParse(File.ReadLines(pidFile).FirstOrDefault(), out var pid) ? pid : null;
    }

    private async Task WaitUntilNoServerProcessAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (ServerProcesses().Count > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }
    }

    /// <summary>Live processes (not zombies) whose working folder is this cluster's data folder: its postmaster and children.</summary>
    private List<int> ServerProcesses()
    {
        var processes = new List<int>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid))
            {
                continue;
            }

            try
            {
                var cwd = new DirectoryInfo(Path.Combine(directory, "cwd")).LinkTarget;
                var stat = File.ReadAllText(Path.Combine(directory, "stat"));
                if (cwd == DataDirectory && stat[(stat.LastIndexOf(')') + 2)..][0] != 'Z')
                {
                    processes.Add(pid);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // ended meanwhile, or not ours to inspect
            }
        }

        return processes;
    }

    private static void KillQuietly(int pid)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            process.Kill();
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            // already gone
        }
    }

    private string Tool(string name) => Path.Combine(_binDirectory, name);
}
