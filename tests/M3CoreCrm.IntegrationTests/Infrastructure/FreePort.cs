using System.Net;
using System.Net.Sockets;

namespace M3CoreCrm.IntegrationTests.Infrastructure;

/// <summary>A TCP port on the loopback that nothing listens on right now.</summary>
internal static class FreePort
{
    internal static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Polls until something accepts TCP connections on the port.</summary>
    internal static async Task WaitUntilListeningAsync(int port, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(50);
            }
        }
    }
}
