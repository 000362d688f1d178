using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;

namespace M3CoreCrm.Modules.Webhooks.Infrastructure;

/// <summary>What one delivery attempt got back, as the delivery log shows it.</summary>
internal sealed record DeliveryAttempt(int? StatusCode, TimeSpan Latency, string ResponseStart, string? Error)
{
    internal const int ResponseStartLength = 512;

    internal bool Succeeded => StatusCode is >= 200 and < 300;
}

/// <summary>
/// Posts one signed message to a subscriber. The HTTP handler connects only through <see cref="GuardedConnector"/>
/// and never follows a redirect (a 3xx is a failed attempt), so a target cannot bounce a delivery to an address the
/// destination rules refuse. Retries are the caller's: every attempt is logged, with the same webhook-id.
/// </summary>
internal sealed class WebhookSender(HttpClient client)
{
    internal static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    /// <summary>The primary handler of the webhooks' HTTP client: guarded connections, no redirects, no proxy.</summary>
    internal static SocketsHttpHandler Handler(GuardedConnector connector) => new()
    {
        AllowAutoRedirect = false,
        UseProxy = false,
        UseCookies = false,
        ConnectCallback = connector.ConnectAsync,
        PooledConnectionLifetime = TimeSpan.FromMinutes(2),
        ConnectTimeout = TimeSpan.FromSeconds(5),
    };

    internal async Task<DeliveryAttempt> SendAsync(
        Uri target, string messageId, DateTimeOffset timestamp, byte[] body, IReadOnlyList<string> secrets, CancellationToken cancellationToken)
    {
        var unixSeconds = timestamp.ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, target) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.TryAddWithoutValidation(WebhookSignature.IdHeader, messageId);
        request.Headers.TryAddWithoutValidation(WebhookSignature.TimestampHeader, unixSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.TryAddWithoutValidation(WebhookSignature.SignatureHeader, WebhookSignature.Header(secrets, messageId, unixSeconds, body));

        var started = Stopwatch.GetTimestamp();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        try
        {
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var start = await ReadStartAsync(response, timeout.Token);
            return new DeliveryAttempt((int)response.StatusCode, Stopwatch.GetElapsedTime(started), start, null);
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            var error = ex is RefusedDestinationException ? ex.Message : ex is OperationCanceledException ? "timed out" : ex.Message;
            return new DeliveryAttempt(null, Stopwatch.GetElapsedTime(started), string.Empty, error);
        }
    }

    /// <summary>The first bytes of the answer, as text: enough to see an error message, never a whole page.</summary>
    private static async Task<string> ReadStartAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        var buffer = new byte[DeliveryAttempt.ResponseStartLength];
        var read = 0;
        int count;
        while (read < buffer.Length && (count = await stream.ReadAsync(buffer.AsMemory(read), cancellationToken)) > 0)
        {
            read += count;
        }

        return Encoding.UTF8.GetString(buffer, 0, read);
    }
}
