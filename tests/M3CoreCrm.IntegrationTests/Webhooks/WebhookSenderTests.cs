using System.Net;
using System.Text;
using M3CoreCrm.Modules.Webhooks.Infrastructure;
using Microsoft.AspNetCore.Http;
using StandardWebhooks;

namespace M3CoreCrm.IntegrationTests.Webhooks;

/// <summary>
/// The outbound HTTP of webhooks against real receivers on 127.0.0.0/8, with only 127.0.0.1/32 allowed: what
/// the destination rules refuse is never connected to, whether named directly, through a name or by a redirect.
/// </summary>
public sealed class WebhookSenderTests
{
    private sealed class MapResolver(Dictionary<string, IPAddress[]> names) : IHostResolver
    {
        public Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken) =>
            Task.FromResult(names.TryGetValue(host, out var addresses) ? addresses : []);
    }

    private static readonly string Secret = WebhookSignature.NewSecret();

    private static WebhookSender Sender()
    {
        var resolver = new MapResolver(new()
        {
            ["receiver.test"] = [IPAddress.Loopback],
            ["sneaky.test"] = [IPAddress.Parse("127.0.0.2")],
        });
        var connector = new GuardedConnector(resolver, DestinationRules.ParseNetworks(["127.0.0.1/32"]));
        return new WebhookSender(new HttpClient(WebhookSender.Handler(connector)) { Timeout = Timeout.InfiniteTimeSpan });
    }

    private static Task<DeliveryAttempt> SendAsync(Uri target, string body = """{"type":"lead.created"}""") =>
        Sender().SendAsync(target, "msg_" + Guid.NewGuid().ToString("N"), DateTimeOffset.UtcNow, Encoding.UTF8.GetBytes(body), [Secret], CancellationToken.None);

    [Fact]
    public async Task A_delivery_to_an_allowed_receiver_is_signed_and_verifies()
    {
        await using var receiver = await LocalReceiver.StartAsync();
        const string body = """{"type":"lead.created","data":{"id":"x"}}""";

        var attempt = await SendAsync(new Uri($"http://receiver.test:{receiver.Port}/hooks"), body);

        Assert.True(attempt.Succeeded, attempt.Error);
        var received = Assert.Single(receiver.Received);
        Assert.Equal(body, received.Body);
        var headers = new HeaderDictionary(received.Headers.ToDictionary(h => h.Key, h => new Microsoft.Extensions.Primitives.StringValues(h.Value)));
        new StandardWebhook(Secret).Verify(received.Body, headers);
    }

    [Fact]
    public async Task A_refused_address_is_never_connected_to()
    {
        await using var receiver = await LocalReceiver.StartAsync("127.0.0.2");

        var attempt = await SendAsync(receiver.Url);

        Assert.False(attempt.Succeeded);
        Assert.Null(attempt.StatusCode);
        Assert.Contains("may not reach", attempt.Error, StringComparison.Ordinal);
        Assert.Empty(receiver.Received);
    }

    [Fact]
    public async Task A_name_resolving_to_a_refused_address_is_refused()
    {
        await using var receiver = await LocalReceiver.StartAsync("127.0.0.2");

        var attempt = await SendAsync(new Uri($"http://sneaky.test:{receiver.Port}/hooks"));

        Assert.Null(attempt.StatusCode);
        Assert.Empty(receiver.Received);
    }

    [Fact]
    public async Task A_redirect_is_not_followed()
    {
        await using var target = await LocalReceiver.StartAsync("127.0.0.2");
        await using var receiver = await LocalReceiver.StartAsync();
        receiver.Answer = (307, target.Url.ToString());

        var attempt = await SendAsync(receiver.Url);

        Assert.Equal(307, attempt.StatusCode);
        Assert.False(attempt.Succeeded);
        Assert.Single(receiver.Received);
        Assert.Empty(target.Received);
    }

    [Fact]
    public async Task A_receiver_that_is_down_is_a_failed_attempt_without_a_status()
    {
        var port = Infrastructure.FreePort.Next();

        var attempt = await SendAsync(new Uri($"http://127.0.0.1:{port}/hooks"));

        Assert.False(attempt.Succeeded);
        Assert.Null(attempt.StatusCode);
        Assert.NotNull(attempt.Error);
    }
}
