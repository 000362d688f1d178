using FluentValidation;
using M3CoreCrm.BuildingBlocks.Data;
using M3CoreCrm.BuildingBlocks.Modules;
using M3CoreCrm.BuildingBlocks.Tenancy;
using M3CoreCrm.Modules.Tenancy.Commands;
using M3CoreCrm.Modules.Tenancy.Contracts;
using M3CoreCrm.Modules.Tenancy.Data;
using M3CoreCrm.Modules.Tenancy.Features.Tenants;
using M3CoreCrm.Modules.Tenancy.Infrastructure;
using M3CoreCrm.Modules.Tenancy.Integration;
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
        services.AddScoped<TenantQueries>();
        services.AddScoped<TenantStatusChanger>();
        services.AddScoped<TenantAccessGate>();
        services.AddScoped<ITenantAccessGate, TenantAccessGate>();
        services.AddSingleton<IValidator<CreateTenantRequest>, CreateTenantValidator>();
        services.AddSingleton<IHostCommand, TenantCommand>();
        services.AddSingleton<IHostCommand, DemoCommand>();
    }

    public void MapEndpoints(IEndpointRouteBuilder api) => TenantEndpoints.Map(api);
}
