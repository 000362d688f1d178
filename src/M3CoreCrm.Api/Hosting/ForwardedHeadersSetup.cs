using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace M3CoreCrm.Api.Hosting;

/// <summary>
/// X-Forwarded-For / X-Forwarded-Proto, honoured only from the proxies named in <c>ForwardedHeaders:KnownProxies</c>
/// (addresses) and <c>ForwardedHeaders:KnownNetworks</c> (CIDR). ASP.NET's defaults (loopback) are cleared, and with
/// nothing configured the middleware is not added at all: with empty lists it would trust every client, which could
/// then choose its own rate-limit partition by forging the header.
/// </summary>
internal static class ForwardedHeadersSetup
{
    internal const string Section = "ForwardedHeaders";

    internal static IServiceCollection AddCrmForwardedHeaders(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        var proxies = (section.GetSection("KnownProxies").Get<string[]>() ?? [])
            .Select(p => IPAddress.TryParse(p.Trim(), out var address) ? address : throw Invalid("KnownProxies", p)).ToList();
        var networks = (section.GetSection("KnownNetworks").Get<string[]>() ?? [])
            .Select(n => System.Net.IPNetwork.TryParse(n.Trim(), out var network) ? network : throw Invalid("KnownNetworks", n)).ToList();
        var limit = section.GetValue<int?>("ForwardLimit") ?? 1;
        if (limit < 1)
        {
            throw new InvalidOperationException($"{Section}:ForwardLimit must be at least 1 (the number of proxies in front of the API).");
        }

        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            o.ForwardLimit = limit;
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            foreach (var proxy in proxies)
            {
                o.KnownProxies.Add(proxy);
            }

            foreach (var network in networks)
            {
                o.KnownIPNetworks.Add(network);
            }
        });
        services.AddSingleton(new TrustedProxies(proxies.Count + networks.Count > 0));
        return services;
    }

    /// <summary>First in the pipeline, so everything after it sees the client's address, when a proxy is configured.</summary>
    internal static WebApplication UseCrmForwardedHeaders(this WebApplication app)
    {
        if (app.Services.GetRequiredService<TrustedProxies>().Any)
        {
            app.UseForwardedHeaders();
        }

        return app;
    }

    private static InvalidOperationException Invalid(string name, string text) =>
        new(string.Create(CultureInfo.InvariantCulture, $"{Section}:{name} has an invalid entry '{text}'."));

    internal sealed record TrustedProxies(bool Any);
}
