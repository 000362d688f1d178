using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace M3CoreCrm.IntegrationTests.Infrastructure;

/// <summary>redis-server as a child process on a free loopback port, without persistence; killed on dispose.</summary>
internal sealed class LocalRedisServer : RedisServer
{
    private readonly string _folder;
    private readonly int _port;
    private Process? _process;

    private LocalRedisServer(string folder, int port)
    {
        _folder = folder;
        _port = port;
    }

    internal override string ConnectionString => $"127.0.0.1:{_port},abortConnect=false";

    internal int Port => _port;

    /// <summary>Its working folder (pid file); gone after dispose.</summary>
    internal string Folder => _folder;

    /// <summary>redis-server on PATH or in /usr/bin, else null.</summary>
    internal static string? FindExecutable() =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Append("/usr/bin")
            .Select(d => Path.Combine(d, "redis-server"))
            .FirstOrDefault(File.Exists);

    internal static new async Task<LocalRedisServer> StartAsync()
    {
        var server = new LocalRedisServer(ThrowawayFolder.Create("m3core-redis"), FreePort.Next());
        try
        {
            await server.StartAgainAsync();
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    internal override async Task StartAgainAsync()
    {
        var executable = FindExecutable()
            ?? throw new InvalidOperationException($"No redis-server: set {ExistingServerVariable}, run a Docker engine, or install it (test.sh does).");
        var start = new ProcessStartInfo(executable)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = _folder,
        };
        // The pid file lets test.sh stop a server that a crashed test host left behind.
        string[] arguments = ["--port", _port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
            "--daemonize", "no", "--dir", _folder, "--pidfile", Path.Combine(_folder, "redis.pid"), "--loglevel", "warning"];
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException("Could not start redis-server.");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await WaitForPongAsync(TimeSpan.FromSeconds(30));
    }

    internal override Task StopAsync()
    {
        Kill();
        return Task.CompletedTask;
    }

    public override ValueTask DisposeAsync()
    {
        Kill();
        ThrowawayFolder.Delete(_folder);
        return ValueTask.CompletedTask;
    }

    /// <summary>Answers PING over a raw connection: no client library state to reset between restarts.</summary>
    internal static async Task<bool> PingAsync(int port)
    {
        try
        {
            using var client = new TcpClient();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await client.ConnectAsync(IPAddress.Loopback, port, timeout.Token);
            var stream = client.GetStream();
            await stream.WriteAsync("PING\r\n"u8.ToArray(), timeout.Token);
            var buffer = new byte[64];
            var read = await stream.ReadAsync(buffer, timeout.Token);
            return Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal);
        }
        catch (Exception e) when (e is SocketException or IOException or OperationCanceledException)
        {
            return false;
        }
    }

    private async Task WaitForPongAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await PingAsync(_port))
        {
            if (_process is { HasExited: true } || DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"redis-server did not answer on port {_port}.");
            }

            await Task.Delay(50);
        }
    }

    private void Kill()
    {
        if (_process is null)
        {
            return;
        }

        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit(TimeSpan.FromSeconds(10));
        }

        _process.Dispose();
        _process = null;
    }
}
