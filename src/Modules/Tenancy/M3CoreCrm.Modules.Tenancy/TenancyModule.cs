using FluentValidation;
using M3CoreCrm.BuildingBlocks.Data;
using M3CoreCrm.BuildingBlocks.Modules;
using M3CoreCrm.BuildingBlocks.Tenancy;
using M3CoreCrm.Modules.Tenancy.Commands;
using M3CoreCrm.Modules.Tenancy.Contracts;
using M3CoreCrm.Modules.Tenancy.Data;
using M3CoreCrm.Modules.Tenancy.Features;
using M3CoreCrm.Modules.Tenancy.Provisioning;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace M3CoreCrm.Modules.Tenancy;

/// <summary>Tenants: provisioning (platform API and CLI), status, and the directory other modules read.</summary>
public sealed class TenancyModule : IModule
{
    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleDbContext<TenancyDbContext>();
        services.AddMemoryCache();
        services.AddScoped<ITenantDirectory, TenantDirectory>();
        services.AddScoped<TenantProvisioner>();
        services.AddScoped<TenantStatusChanger>();
        services.AddSingleton<TenantAccessGate>();
        services.AddSingleton<ITenantAccessGate>(sp => sp.GetRequiredService<TenantAccessGate>());
        services.AddSingleton<IValidator<CreateTenantRequest>, CreateTenantValidator>();
        services.AddSingleton<IHostCommand, TenantCommand>();
        services.AddSingleton<IHostCommand, DemoCommand>();
    }

    public void MapEndpoints(IEndpointRouteBuilder api) => PlatformEndpoints.Map(api);
}
