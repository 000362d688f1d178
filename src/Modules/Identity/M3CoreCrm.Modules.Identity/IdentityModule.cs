using FluentValidation;
using M3CoreCrm.BuildingBlocks.Authorization;
using M3CoreCrm.BuildingBlocks.Data;
using M3CoreCrm.BuildingBlocks.Modules;
using M3CoreCrm.Modules.Identity.Authorization;
using M3CoreCrm.Modules.Identity.Contracts;
using M3CoreCrm.Modules.Identity.Data;
using M3CoreCrm.Modules.Identity.Features.Audit;
using M3CoreCrm.Modules.Identity.Features.Auth;
using M3CoreCrm.Modules.Identity.Features.Me;
using M3CoreCrm.Modules.Identity.Passwords;
using M3CoreCrm.Modules.Identity.Provisioning;
using M3CoreCrm.Modules.Identity.Tokens;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace M3CoreCrm.Modules.Identity;

/// <summary>Users, sessions and tokens, roles and permissions, and the audit log's read side.</summary>
public sealed class IdentityModule : IModule
{
    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleDbContext<IdentityDbContext>();
        services.AddMemoryCache();
        services.AddCrmJwtBearer(configuration);
        services.AddPermissions(IdentityPermissions.All);

        services.AddSingleton(new Argon2Parameters());
        services.AddSingleton<Argon2PasswordHasher>();
        services.AddSingleton<IPasswordPolicy, PasswordPolicyService>();
        services.AddSingleton(sp => new PasswordHashingGate(sp.GetRequiredService<Argon2PasswordHasher>(), Environment.ProcessorCount, TimeSpan.FromSeconds(2)));
        services.AddSingleton<AccessTokenIssuer>();
        services.AddSingleton<SessionValidator>();
        services.AddSingleton<PermissionCache>();

        services.AddScoped<IPermissionResolver, PermissionResolver>();
        services.AddScoped<ITenantOwnerProvisioning, OwnerProvisioning>();
        services.AddScoped<IUserDirectory, UserDirectory>();
        services.AddScoped<LoginService>();
        services.AddScoped<RefreshService>();
        services.AddScoped<SessionIssuer>();
        services.AddScoped<SessionRevoker>();
        services.AddScoped<IValidator<LoginRequest>, LoginValidator>();
        services.AddScoped<IValidator<RefreshRequest>, RefreshValidator>();
    }

    public void MapEndpoints(IEndpointRouteBuilder api)
    {
        AuthEndpoints.Map(api);
        MeEndpoint.Map(api);
        AuditEndpoint.Map(api);
    }
}
