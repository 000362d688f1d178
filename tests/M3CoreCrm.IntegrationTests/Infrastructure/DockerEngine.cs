using System.Net.Sockets;
using System.Text;

namespace M3CoreCrm.IntegrationTests.Infrastructure;

/// <summary>
/// Whether a Docker engine answers, decided once and quickly: Testcontainers would otherwise spend its own long
/// timeouts on a machine that has only the docker client.
/// </summary>
internal static class DockerEngine
{
    private static readonly Lazy<Task<bool>> Answer = new(DetectAsync);

    internal static Task<bool> IsAvailableAsync() => Answer.Value;

    private static async Task<bool> DetectAsync()
    {
        if (Environment.GetEnvironmentVariable("DOCKER_HOST") is { Length: > 0 })
        {
            try
            {
                var info = await ProcessRunner.RunAsync("docker", ["info", "--format", "{{.ServerVersion}}"], TimeSpan.FromSeconds(10));
                return info.ExitCode == 0;
            }
            catch (Exception e) when (e is System.ComponentModel.Win32Exception or TimeoutException)
            {
                return false; // no docker client, or an engine that does not answer
            }
        }

        var sockets = new[] { "/var/run/docker.sock", Path.Combine(Environment.GetEnvironmentVariable("XDG_RUNTIME_DIR") ?? "/nonexistent", "docker.sock") };
        foreach (var socket in sockets.Where(File.Exists))
        {
            if (await PingAsync(socket))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The engine API's GET /_ping over its socket, with a two-second limit.</summary>
    private static async Task<bool> PingAsync(string socketPath)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), timeout.Token);
            await socket.SendAsync("GET /_ping HTTP/1.0\r\nHost: docker\r\n\r\n"u8.ToArray(), SocketFlags.None, timeout.Token);
            var buffer = new byte[512];
            var read = await socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token);
            var statusLine = Encoding.ASCII.GetString(buffer, 0, read).Split('\n')[0];
            return statusLine.StartsWith("HTTP/", StringComparison.Ordinal) && statusLine.Contains(" 200", StringComparison.Ordinal);
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException or IOException)
        {
            return false;
        }
    }
}
