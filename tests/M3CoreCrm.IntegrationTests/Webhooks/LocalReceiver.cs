using System.Collections.Concurrent;
using M3CoreCrm.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace M3CoreCrm.IntegrationTests.Webhooks;

/// <summary>
/// A webhook receiver (Kestrel) on one loopback address and a free port; records what it gets and answers as told.
/// Kestrel ignores the Host header, so a request naming the receiver by another name still reaches it.
/// </summary>
internal sealed class LocalReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;

    private LocalReceiver(WebApplication app, string address, int port)
    {
        _app = app;
        Port = port;
        Url = new Uri($"http://{address}:{port}/hooks");
    }

    internal int Port { get; }

    internal Uri Url { get; }

    internal ConcurrentQueue<ReceivedWebhook> Received { get; } = new();

    /// <summary>The answer to the next requests: a status and, for a redirect, where to.</summary>
    internal (int Status, string? Location) Answer { get; set; } = (204, null);

    internal static async Task<LocalReceiver> StartAsync(string address = "127.0.0.1")
    {
        var port = FreePort.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://{address}:{port}");
        var app = builder.Build();
        var receiver = new LocalReceiver(app, address, port);
        app.MapPost("/hooks", async (HttpContext context) =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync();
            receiver.Received.Enqueue(new ReceivedWebhook(
                context.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString()), body));
            var (status, location) = receiver.Answer;
            context.Response.StatusCode = status;
            if (location is not null)
            {
                context.Response.Headers.Location = location;
            }
        });
        await app.StartAsync();
        return receiver;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

internal sealed record ReceivedWebhook(IReadOnlyDictionary<string, string> Headers, string Body);
