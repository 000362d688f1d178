using System.Net;
using M3CoreCrm.Modules.Webhooks.Infrastructure;

namespace M3CoreCrm.UnitTests.Webhooks;

public sealed class GuardedConnectorTests
{
    private sealed class MapResolver(Dictionary<string, IPAddress[]> names) : IHostResolver
    {
        public Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken) =>
            Task.FromResult(names.TryGetValue(host, out var addresses) ? addresses : []);
    }

    private static GuardedConnector Connector() => new(
        new MapResolver(new()
        {
            ["receiver.test"] = [IPAddress.Parse("127.0.0.1")],
            ["sneaky.test"] = [IPAddress.Parse("127.0.0.2")],
            ["mixed.test"] = [IPAddress.Parse("93.184.216.34"), IPAddress.Parse("169.254.169.254")],
            ["public.test"] = [IPAddress.Parse("93.184.216.34")],
        }),
        DestinationRules.ParseNetworks(["127.0.0.1/32"]));

    [Theory]
    [InlineData("receiver.test")]
    [InlineData("public.test")]
    [InlineData("127.0.0.1")]
    public async Task Allowed_hosts_resolve(string host) =>
        Assert.NotEmpty(await Connector().AllowedAddressesAsync(host, CancellationToken.None));

    [Theory]
    [InlineData("sneaky.test")]          // a name resolving to a refused address
    [InlineData("mixed.test")]           // one refused address refuses the host
    [InlineData("unknown.test")]         // no address at all
    [InlineData("127.0.0.2")]
    [InlineData("[::1]")]
    [InlineData("169.254.169.254")]
    public async Task Refused_hosts_throw(string host) =>
        await Assert.ThrowsAsync<RefusedDestinationException>(() => Connector().AllowedAddressesAsync(host, CancellationToken.None));
}
