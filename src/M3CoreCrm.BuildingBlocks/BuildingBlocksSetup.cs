using M3CoreCrm.BuildingBlocks.Auditing;
using M3CoreCrm.BuildingBlocks.Authorization;
using M3CoreCrm.BuildingBlocks.Data;
using M3CoreCrm.BuildingBlocks.Events;
using M3CoreCrm.BuildingBlocks.Http;
using M3CoreCrm.BuildingBlocks.Idempotency;
using M3CoreCrm.BuildingBlocks.Paging;
using M3CoreCrm.BuildingBlocks.SharedState;
using M3CoreCrm.BuildingBlocks.Tenancy;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace M3CoreCrm.BuildingBlocks;

/// <summary>Registration and middleware of what every module relies on.</summary>
public static class BuildingBlocksSetup
{
    public static IServiceCollection AddBuildingBlocks(this IServiceCollection services, CrmDatabase database, string cursorSecret)
    {
        services.AddCrmData(database);
        services.AddModuleDbContext<SharedDbContext>();
        services.AddScoped<IAuditLog, AuditLog>();
        services.AddScoped<AccessScope>();
        services.AddScoped<OwnerPolicy>();
        services.AddScoped<IntegrationEventPublisher>();
        services.AddSingleton<PermissionCatalog>();
        services.AddSingleton(CursorCodec.FromSecret(cursorSecret));
        services.AddCrmProblemDetails();
        services.AddExceptionHandler<CrmExceptionHandler>();
        services.TryAddSingleton<ISharedStore>(NoSharedStore.Instance); // the host replaces it when Redis is configured
        return services;
    }

    /// <summary>After authentication: the request's tenant from its token.</summary>
    public static IApplicationBuilder UseTenantResolution(this IApplicationBuilder app) =>
        app.UseMiddleware<TenantResolutionMiddleware>();

    /// <summary>After authorization, before endpoints: Idempotency-Key handling for POSTs.</summary>
    public static IApplicationBuilder UseIdempotency(this IApplicationBuilder app) =>
        app.UseMiddleware<IdempotencyMiddleware>();
}
