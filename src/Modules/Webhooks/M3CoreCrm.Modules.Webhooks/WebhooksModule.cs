using M3CoreCrm.BuildingBlocks.Authorization;
using M3CoreCrm.BuildingBlocks.Modules;
using M3CoreCrm.Modules.Webhooks.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace M3CoreCrm.Modules.Webhooks;

/// <summary>Outbound webhooks for integrators (Standard Webhooks), delivered only to addresses the destination rules allow.</summary>
public sealed class WebhooksModule : IModule
{
    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddPermissions(WebhooksPermissions.All);
        var options = configuration.GetSection(WebhookOptions.Section).Get<WebhookOptions>() ?? new WebhookOptions();
        services.AddSingleton(options);
        services.AddSingleton<IHostResolver, DnsHostResolver>();
        services.AddSingleton(sp => new GuardedConnector(
            sp.GetRequiredService<IHostResolver>(), DestinationRules.ParseNetworks(options.AllowedNetworks)));
        services.AddHttpClient<WebhookSender>(client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(sp => WebhookSender.Handler(sp.GetRequiredService<GuardedConnector>()));
    }

    public void MapEndpoints(IEndpointRouteBuilder api)
    {
    }
}
