using System.Net;
using M3CoreCrm.Modules.Webhooks.Infrastructure;

namespace M3CoreCrm.UnitTests.Webhooks;

public sealed class DestinationRulesTests
{
    private static readonly IReadOnlyList<IPNetwork> None = [];
    private static readonly IReadOnlyList<IPNetwork> LoopbackHostOnly = DestinationRules.ParseNetworks(["127.0.0.1/32"]);

    [Theory]
    [InlineData("127.0.0.1")]            // loopback
    [InlineData("127.0.0.2")]
    [InlineData("10.1.2.3")]             // private
    [InlineData("172.16.0.1")]
    [InlineData("172.31.255.254")]
    [InlineData("192.168.1.1")]
    [InlineData("169.254.169.254")]      // cloud metadata
    [InlineData("169.254.1.1")]          // link-local
    [InlineData("100.64.0.1")]           // carrier-grade NAT
    [InlineData("0.0.0.0")]
    [InlineData("224.0.0.1")]            // multicast
    [InlineData("255.255.255.255")]
    [InlineData("::1")]                  // IPv6 loopback
    [InlineData("::")]
    [InlineData("fd00::1")]              // unique local
    [InlineData("fc00::1")]
    [InlineData("fe80::1")]              // link-local
    [InlineData("ff02::1")]              // multicast
    [InlineData("::ffff:127.0.0.1")]     // IPv4-mapped loopback
    [InlineData("::ffff:169.254.169.254")]
    [InlineData("::ffff:10.0.0.1")]
    [InlineData("::127.0.0.1")]          // IPv4-compatible
    [InlineData("64:ff9b::a9fe:a9fe")]   // NAT64 of 169.254.169.254
    public void Non_public_addresses_are_refused(string address) =>
        Assert.False(DestinationRules.IsAllowed(IPAddress.Parse(address), None));

    [Theory]
    [InlineData("93.184.216.34")]
    [InlineData("8.8.8.8")]
    [InlineData("172.32.0.1")]           // just past 172.16.0.0/12
    [InlineData("2606:4700::1111")]
    [InlineData("::ffff:93.184.216.34")]
    public void Public_addresses_are_allowed(string address) =>
        Assert.True(DestinationRules.IsAllowed(IPAddress.Parse(address), None));

    [Theory]
    [InlineData("127.0.0.1", true)]
    [InlineData("::ffff:127.0.0.1", true)]
    [InlineData("127.0.0.2", false)]
    [InlineData("::1", false)]
    [InlineData("169.254.169.254", false)]
    public void An_operator_network_allows_exactly_its_addresses(string address, bool allowed) =>
        Assert.Equal(allowed, DestinationRules.IsAllowed(IPAddress.Parse(address), LoopbackHostOnly));

    [Fact]
    public void A_bare_address_is_read_as_one_host()
    {
        var networks = DestinationRules.ParseNetworks(["10.0.0.5", "fd00::5"]);

        Assert.True(DestinationRules.IsAllowed(IPAddress.Parse("10.0.0.5"), networks));
        Assert.False(DestinationRules.IsAllowed(IPAddress.Parse("10.0.0.6"), networks));
        Assert.True(DestinationRules.IsAllowed(IPAddress.Parse("fd00::5"), networks));
    }
}
