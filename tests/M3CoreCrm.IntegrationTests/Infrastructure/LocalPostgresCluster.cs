using System.Globalization;
using Npgsql;

namespace M3CoreCrm.IntegrationTests.Infrastructure;

/// <summary>
/// A throwaway cluster from the machine's PostgreSQL binaries: initdb in a temp folder, listening on 127.0.0.1 only,
/// durability off for speed. Run as the postgres OS user when the tests run as root (PostgreSQL refuses root).
/// Dispose stops it and deletes the folder.
/// </summary>
internal sealed class LocalPostgresCluster : PostgresServer
{
    private const string OsUser = "postgres";
    private const string SuperuserPassword = "postgres";
    private static readonly TimeSpan ToolTimeout = TimeSpan.FromSeconds(90);

    private readonly string _binDirectory;
    private readonly string _folder;
    private readonly int _port;
    private bool _disposed;

    private LocalPostgresCluster(string binDirectory, string folder, int port)
    {
        _binDirectory = binDirectory;
        _folder = folder;
        _port = port;
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

    internal static new async Task<LocalPostgresCluster> StartAsync()
    {
        var bin = await FindBinDirectoryAsync()
            ?? throw new InvalidOperationException(
                $"No PostgreSQL: set {ExistingServerVariable}, run a Docker engine, or install the server binaries (test.sh does).");
        var folder = ThrowawayFolder.Create("m3core-pg");
        var cluster = new LocalPostgresCluster(bin, folder, FreePort.Next());
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
        await File.AppendAllTextAsync(Path.Combine(DataDirectory, "postgresql.conf"), $"""

            listen_addresses = '127.0.0.1'
            port = {_port}
            unix_socket_directories = '{socketDirectory}'
            fsync = off
            synchronous_commit = off
            full_page_writes = off
            max_connections = 200
            shared_buffers = 64MB
            """);
    }

    internal override async Task StopAsync() => await StopAsync("fast");

    internal override async Task StartAgainAsync()
    {
        await ProcessRunner.RunCheckedAsync(Tool("pg_ctl"),
            ["start", "-D", DataDirectory, "-l", Path.Combine(_folder, "postgres.log"), "-w", "-t", "60"],
            ToolTimeout, _folder, RunAs);
    }

    public override async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
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

    /// <summary>Last resort when pg_ctl could not stop it: the postmaster's pid is the first line of postmaster.pid.</summary>
    private void KillLeftover()
    {
        var pidFile = Path.Combine(DataDirectory, "postmaster.pid");
        if (!File.Exists(pidFile) || !int.TryParse(File.ReadLines(pidFile).FirstOrDefault(), out var pid))
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

    private string Tool(string name) => Path.Combine(_binDirectory, name);
}
