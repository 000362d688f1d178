using System.Net;
using System.Net.Sockets;

namespace M3CoreCrm.Modules.Webhooks.Infrastructure;

/// <summary>Resolves a host name to its addresses; a seam so that tests can map names without a hosts file.</summary>
internal interface IHostResolver
{
    Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken);
}

internal sealed class DnsHostResolver : IHostResolver
{
    public Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken) =>
        Dns.GetHostAddressesAsync(host, cancellationToken);
}

/// <summary>Thrown when a webhook's target resolves to an address the destination rules refuse.</summary>
internal sealed class RefusedDestinationException(string host)
    : HttpRequestException($"The webhook target '{host}' resolves to an address that deliveries may not reach.");

/// <summary>
/// The outbound connection of every delivery (SocketsHttpHandler.ConnectCallback): resolves the host, refuses it
/// when any of its addresses is refused, and connects to the checked address itself. Checking where the socket
/// connects, not where a name resolved a moment before, leaves no window for DNS rebinding.
/// </summary>
internal sealed class GuardedConnector(IHostResolver resolver, IReadOnlyList<IPNetwork> allowedNetworks)
{
    internal async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var addresses = await AllowedAddressesAsync(context.DnsEndPoint.Host, cancellationToken);
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, context.DnsEndPoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>The host's addresses when every one is allowed; a refused one refuses the host (no mixed answers).</summary>
    internal async Task<IPAddress[]> AllowedAddressesAsync(string host, CancellationToken cancellationToken)
    {
        var addresses = IPAddress.TryParse(host.Trim('[', ']'), out var literal)
            ? [literal]
            : await resolver.ResolveAsync(host, cancellationToken);
        if (addresses.Length == 0 || !addresses.All(a => DestinationRules.IsAllowed(a, allowedNetworks)))
        {
            throw new RefusedDestinationException(host);
        }

        return addresses;
    }
}
