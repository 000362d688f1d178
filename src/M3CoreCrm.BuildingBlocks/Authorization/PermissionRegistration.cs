using Microsoft.Extensions.DependencyInjection;

namespace M3CoreCrm.BuildingBlocks.Authorization;

public static class PermissionRegistration
{
    /// <summary>Adds a module's permissions to the catalogue.</summary>
    public static IServiceCollection AddPermissions(this IServiceCollection services, params PermissionDefinition[] permissions)
    {
        foreach (var permission in permissions)
        {
            services.AddSingleton(permission);
        }

        services.AddSingleton<PermissionCatalog>();
        return services;
    }
}
