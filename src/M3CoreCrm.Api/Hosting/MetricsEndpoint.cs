using System.Net;
using System.Security.Cryptography;
using System.Text;
using OpenTelemetry.Metrics;

namespace M3CoreCrm.Api.Hosting;

/// <summary>
/// Prometheus' <c>/metrics</c> on a management port of its own (<c>Metrics:Port</c>), never on the public one: a
/// second, minimal Kestrel server in the same process that serves nothing else. A listener of its own (rather than a
/// second address of the API's server) leaves the API's own addresses (ASPNETCORE_URLS, HTTP_PORTS) as they are, and a
/// request cannot reach it by naming another Host header. With <c>Metrics:Token</c> set, a scrape must also send
/// <c>Authorization: Bearer &lt;token&gt;</c>. Port 0 takes a free port (tests); an empty port turns metrics off.
/// </summary>
internal sealed class MetricsEndpoint(MetricsEndpoint.Settings settings, MeterProvider meterProvider, ILoggerFactory loggerFactory)
    : IHostedService, IAsyncDisposable
{
    internal const string Section = "Metrics";
    internal const string Path = "/metrics";
    internal const int DefaultPort = 9464;

    private WebApplication? _server;

    /// <summary>The port the management server listens on, once started.</summary>
    internal int? Port { get; private set; }

    internal sealed record Settings(int Port, string? Token);

    /// <summary>Adds the management server when <c>Metrics:Port</c> is set (appsettings.json sets the default port).</summary>
    internal static void Add(IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        var port = section["Port"];
        if (string.IsNullOrWhiteSpace(port))
        {
            return;
        }

        if (!int.TryParse(port, out var number) || number is < 0 or > 65535)
        {
            throw new InvalidOperationException($"{Section}:Port must be a TCP port (0-65535), or empty to serve no metrics; it is '{port}'.");
        }

        var token = section["Token"];
        services.AddSingleton(new Settings(number, string.IsNullOrEmpty(token) ? null : token));
        services.AddSingleton<MetricsEndpoint>();
        services.AddHostedService(sp => sp.GetRequiredService<MetricsEndpoint>());
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel => kestrel.ListenAnyIP(settings.Port));
        builder.Services.AddSingleton(loggerFactory);
        var server = builder.Build();
        if (settings.Token is { } token)
        {
            server.Use((context, next) => Authorized(context, token) ? next(context) : Challenge(context));
        }

        server.UseOpenTelemetryPrometheusScrapingEndpoint(meterProvider, context => context.Request.Path == Path, Path, null, null);
        server.Run(context =>
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        });

        await server.StartAsync(cancellationToken);
        _server = server;
        Port = new Uri(server.Urls.First()).Port;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_server is { } server)
        {
            await server.StopAsync(cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is { } server)
        {
            _server = null;
            await server.DisposeAsync();
        }
    }

    private static bool Authorized(HttpContext context, string token)
    {
        var header = context.Request.Headers.Authorization.ToString();
        const string scheme = "Bearer ";
        return header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase)
            && CryptographicOperations.FixedTimeEquals(Hash(header[scheme.Length..].Trim()), Hash(token));
    }

    private static byte[] Hash(string value) => SHA256.HashData(Encoding.UTF8.GetBytes(value));

    private static Task Challenge(HttpContext context)
    {
        context.Response.StatusCode = (int)HttpStatusCode.Unauthorized;
        context.Response.Headers.WWWAuthenticate = "Bearer";
        return Task.CompletedTask;
    }
}
