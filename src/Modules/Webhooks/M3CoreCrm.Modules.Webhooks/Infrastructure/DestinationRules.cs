using System.Net;
using System.Net.Sockets;

namespace M3CoreCrm.Modules.Webhooks.Infrastructure;

/// <summary>
/// Which addresses a webhook may be delivered to: public unicast only, unless the operator allows a network in
/// configuration. A pure function on addresses, so that every rule is tested without a network; the resolver and
/// the connection (see <see cref="GuardedConnector"/>) apply it to every address a host name resolves to.
/// </summary>
internal static class DestinationRules
{
    private static readonly IPNetwork[] RefusedV4 =
    [
        IPNetwork.Parse("0.0.0.0/8"),        // "this network", 0.0.0.0 reaches the local host on Linux
        IPNetwork.Parse("10.0.0.0/8"),       // private
        IPNetwork.Parse("100.64.0.0/10"),    // carrier-grade NAT, private in practice
        IPNetwork.Parse("127.0.0.0/8"),      // loopback
        IPNetwork.Parse("169.254.0.0/16"),   // link-local, cloud metadata at 169.254.169.254
        IPNetwork.Parse("172.16.0.0/12"),    // private
        IPNetwork.Parse("192.0.0.0/24"),     // IETF protocol assignments
        IPNetwork.Parse("192.168.0.0/16"),   // private
        IPNetwork.Parse("198.18.0.0/15"),    // benchmarking
        IPNetwork.Parse("224.0.0.0/4"),      // multicast
        IPNetwork.Parse("240.0.0.0/4"),      // reserved, broadcast
    ];

    private static readonly IPNetwork[] RefusedV6 =
    [
        IPNetwork.Parse("::/128"),           // unspecified
        IPNetwork.Parse("::1/128"),          // loopback
        IPNetwork.Parse("fc00::/7"),         // unique local (ULA)
        IPNetwork.Parse("fe80::/10"),        // link-local
        IPNetwork.Parse("fec0::/10"),        // site-local (deprecated, still routed by some stacks)
        IPNetwork.Parse("ff00::/8"),         // multicast
    ];

    /// <summary>NAT64's well-known prefix: the last 32 bits are an IPv4 address the gateway reaches.</summary>
    private static readonly IPNetwork Nat64 = IPNetwork.Parse("64:ff9b::/96");

    /// <summary>
    /// Whether a delivery may connect to <paramref name="address"/>: allowed when an operator network contains it
    /// (or the IPv4 address it embeds), refused when it or its embedded IPv4 address is not public unicast.
    /// </summary>
    internal static bool IsAllowed(IPAddress address, IReadOnlyList<IPNetwork> operatorAllowed)
    {
        var embedded = EmbeddedIPv4(address);
        if (operatorAllowed.Any(n => n.Contains(address) || (embedded is not null && n.Contains(embedded))))
        {
            return true;
        }

        if (embedded is not null)
        {
            return !IsRefusedV4(embedded);
        }

        return address.AddressFamily switch
        {
            AddressFamily.InterNetwork => !IsRefusedV4(address),
            AddressFamily.InterNetworkV6 => !RefusedV6.Any(n => n.Contains(address)),
            _ => false,
        };
    }

    /// <summary>Parses the operator's networks (CIDR, e.g. <c>127.0.0.1/32</c>); a bare address counts as one host.</summary>
    internal static IReadOnlyList<IPNetwork> ParseNetworks(IEnumerable<string> networks) =>
        networks.Select(n => n.Contains('/', StringComparison.Ordinal)
            ? IPNetwork.Parse(n)
            : new IPNetwork(IPAddress.Parse(n), IPAddress.Parse(n).AddressFamily == AddressFamily.InterNetwork ? 32 : 128)).ToList();

    private static bool IsRefusedV4(IPAddress address) => RefusedV4.Any(n => n.Contains(address));

    /// <summary>The IPv4 address an IPv6 one carries: IPv4-mapped (::ffff:a.b.c.d), IPv4-compatible (::a.b.c.d), NAT64.</summary>
    private static IPAddress? EmbeddedIPv4(IPAddress address)
    {
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return null;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4();
        }

        var bytes = address.GetAddressBytes();
        var compatible = bytes.AsSpan(0, 12).IndexOfAnyExcept((byte)0) < 0 && !(bytes[12] == 0 && bytes[13] == 0 && bytes[14] == 0 && bytes[15] <= 1);
        return compatible || Nat64.Contains(address) ? new IPAddress(bytes.AsSpan(12, 4)) : null;
    }
}
