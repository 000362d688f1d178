using System.Net;
using M3CoreCrm.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Http;

namespace M3CoreCrm.IntegrationTests.RateLimiting;

/// <summary>
/// A client must not choose its own rate-limit partition with X-Forwarded-For: the header counts only when the
/// connection comes from a configured proxy. The connection's address is set on the in-memory request, as a socket
/// would set it (documentation ranges only; nothing is sent on a network).
/// </summary>
[Collection("api")]
public sealed class ForwardedHeadersTests(ApiFixture fixture)
{
    private const string Proxy = "192.0.2.10";

    [Fact]
    public async Task Without_configured_proxies_a_forged_forwarded_for_is_ignored()
    {
        await using var factory = fixture.Host(("RateLimiting:Anonymous:RequestsPerMinute", "2"));

        var forged = await StatusesAsync(factory, ("198.51.100.7", "203.0.113.1"), ("198.51.100.7", "203.0.113.2"), ("198.51.100.7", "203.0.113.3"));
        var otherClient = await StatusesAsync(factory, ("198.51.100.8", null));

        Assert.Equal([HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.TooManyRequests], forged);
        Assert.Equal([HttpStatusCode.NotFound], otherClient);
    }

    [Fact]
    public async Task Loopback_is_not_trusted_by_default_either()
    {
        await using var factory = fixture.Host(("RateLimiting:Anonymous:RequestsPerMinute", "1"));

        var statuses = await StatusesAsync(factory, ("127.0.0.1", "203.0.113.1"), ("127.0.0.1", "203.0.113.2"));

        Assert.Equal([HttpStatusCode.NotFound, HttpStatusCode.TooManyRequests], statuses);
    }

    [Fact]
    public async Task A_configured_proxy_or_network_is_trusted_and_nobody_else()
    {
        await using var factory = fixture.Host(
            ("RateLimiting:Anonymous:RequestsPerMinute", "2"),
            ("ForwardedHeaders:KnownProxies:0", Proxy),
            ("ForwardedHeaders:KnownNetworks:0", "192.0.2.128/25"));

        // Through the proxy, each forwarded client has its own bucket.
        var viaProxy = await StatusesAsync(factory,
            (Proxy, "203.0.113.1"), (Proxy, "203.0.113.1"), (Proxy, "203.0.113.2"), (Proxy, "203.0.113.2"), (Proxy, "203.0.113.1"));
        var viaNetwork = await StatusesAsync(factory, ("192.0.2.200", "203.0.113.3"));

        // Straight to the API, a forged header changes nothing.
        var direct = await StatusesAsync(factory, ("198.51.100.7", "203.0.113.4"), ("198.51.100.7", "203.0.113.5"), ("198.51.100.7", "203.0.113.6"));

        Assert.Equal([HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.TooManyRequests], viaProxy);
        Assert.Equal([HttpStatusCode.NotFound], viaNetwork);
        Assert.Equal([HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.TooManyRequests], direct);
    }

    [Fact]
    public async Task Through_the_proxy_only_the_address_it_appended_counts_not_what_the_client_sent_before_it()
    {
        await using var factory = fixture.Host(
            ("RateLimiting:Anonymous:RequestsPerMinute", "2"),
            ("ForwardedHeaders:KnownProxies:0", Proxy));

        // The client forges a first entry; the proxy appends the address it really saw.
        var statuses = await StatusesAsync(factory,
            (Proxy, "203.0.113.50, 198.51.100.20"), (Proxy, "203.0.113.51, 198.51.100.20"), (Proxy, "203.0.113.52, 198.51.100.20"));

        Assert.Equal([HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.TooManyRequests], statuses);
    }

    [Fact]
    public async Task An_invalid_proxy_entry_stops_the_host_from_starting()
    {
        await using var factory = fixture.Host(("ForwardedHeaders:KnownNetworks:0", "not-a-network"));

        var error = Assert.ThrowsAny<Exception>(() => factory.Server);

        Assert.Contains("ForwardedHeaders:KnownNetworks", error.ToString(), StringComparison.Ordinal);
    }

    /// <summary>Anonymous GETs of an unknown route (404 unless limited) from the given connection address.</summary>
    private static async Task<List<HttpStatusCode>> StatusesAsync(CrmApiFactory factory, params (string Remote, string? ForwardedFor)[] requests)
    {
        var statuses = new List<HttpStatusCode>();
        foreach (var (remote, forwardedFor) in requests)
        {
            var context = await factory.Server.SendAsync(c =>
            {
                c.Request.Method = HttpMethods.Get;
                c.Request.Path = "/api/v1/rate-limit-probe";
                c.Connection.RemoteIpAddress = IPAddress.Parse(remote);
                if (forwardedFor is not null)
                {
                    c.Request.Headers["X-Forwarded-For"] = forwardedFor;
                }
            });
            statuses.Add((HttpStatusCode)context.Response.StatusCode);
        }

        return statuses;
    }
}
