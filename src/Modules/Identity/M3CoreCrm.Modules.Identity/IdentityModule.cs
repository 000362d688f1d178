using FluentValidation;
using M3CoreCrm.BuildingBlocks.Authorization;
using M3CoreCrm.BuildingBlocks.Data;
using M3CoreCrm.BuildingBlocks.Modules;
using M3CoreCrm.Modules.Identity.Infrastructure.ApiKeys;
using M3CoreCrm.Modules.Identity.Infrastructure.Authorization;
using M3CoreCrm.Modules.Identity.Contracts;
using M3CoreCrm.Modules.Identity.Data;
using M3CoreCrm.Modules.Identity.Demo;
using M3CoreCrm.Modules.Identity.Features.ApiKeys;
using M3CoreCrm.Modules.Identity.Features.Audit;
using M3CoreCrm.Modules.Identity.Features.Auth;
using M3CoreCrm.Modules.Identity.Features.Groups;
using M3CoreCrm.Modules.Identity.Features.Me;
using M3CoreCrm.Modules.Identity.Features.Roles;
using M3CoreCrm.Modules.Identity.Features.Users;
using M3CoreCrm.Modules.Identity.Infrastructure.Passwords;
using M3CoreCrm.Modules.Identity.Integration;
using M3CoreCrm.Modules.Identity.Infrastructure.Tokens;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace M3CoreCrm.Modules.Identity;

/// <summary>
/// Users, sessions and tokens, API keys, roles with scoped permissions, groups, user administration, and the audit
/// log's read side.
/// </summary>
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
        services.AddSingleton(sp => new PasswordHashingGate(
            sp.GetRequiredService<Argon2PasswordHasher>(), PasswordHashingGate.SlotsFor(Environment.ProcessorCount), TimeSpan.FromSeconds(2)));
        services.AddSingleton<AccessTokenIssuer>();
        services.AddSingleton<SessionValidator>();
        services.AddSingleton<PermissionCache>();
        services.AddSingleton<ApiKeyValidator>();
        services.AddSingleton<ApiKeyFailureLimiter>();
        services.AddSingleton(ApiKeySettings.From(configuration));

        services.AddScoped<PermissionResolver>();
        services.AddScoped<IPermissionResolver>(sp => sp.GetRequiredService<PermissionResolver>());
        services.AddScoped<PrivilegeGuard>();
        services.AddScoped<OwnerGuard>();
        services.AddScoped<ITenantOwnerProvisioning, OwnerProvisioning>();
        services.AddScoped<IUserDirectory, UserDirectory>();
        services.AddScoped<IActiveUsers, UserDirectory>();
        services.AddScoped<LoginService>();
        services.AddScoped<MeService>();
        services.AddScoped<UserQueries>();
        services.AddScoped<UserService>();
        services.AddScoped<GroupQueries>();
        services.AddScoped<GroupService>();
        services.AddScoped<ApiKeyService>();
        services.AddScoped<RoleQueries>();
        services.AddScoped<RoleService>();
        services.AddScoped<AuditQueries>();
        services.AddScoped<LoginThrottleStore>();
        services.AddSingleton<UnknownTenantThrottle>();
        services.AddScoped<RefreshService>();
        services.AddScoped<SessionIssuer>();
        services.AddScoped<SessionRevoker>();
        services.AddSingleton<IValidator<LoginRequest>, LoginValidator>();
        services.AddSingleton<IValidator<RefreshRequest>, RefreshValidator>();
        services.AddSingleton<IValidator<CreateRoleRequest>, CreateRoleValidator>();
        services.AddSingleton<IValidator<RoleEdit>, RoleEditValidator>();
        services.AddSingleton<IValidator<ReplaceRoleGrantsRequest>, ReplaceRoleGrantsValidator>();
        services.AddSingleton<IValidator<CreateGroupRequest>, CreateGroupValidator>();
        services.AddSingleton<IValidator<GroupEdit>, GroupEditValidator>();
        services.AddSingleton<IValidator<ReplaceGroupMembersRequest>, ReplaceGroupMembersValidator>();
        services.AddSingleton<IValidator<CreateUserRequest>, CreateUserValidator>();
        services.AddSingleton<IValidator<UserEdit>, UserEditValidator>();
        services.AddSingleton<IValidator<AssignUserRolesRequest>, AssignUserRolesValidator>();
        services.AddSingleton<IValidator<ResetPasswordRequest>, ResetPasswordValidator>();
        services.AddSingleton<IValidator<ChangeOwnPasswordRequest>, ChangeOwnPasswordValidator>();
        services.AddSingleton<IValidator<CreateApiKeyRequest>, CreateApiKeyValidator>();
        services.AddScoped<IDemoDataSeeder, IdentityDemoSeeder>();
    }

    public void MapEndpoints(IEndpointRouteBuilder api)
    {
        AuthEndpoints.Map(api);
        MeEndpoints.Map(api);
        AuditEndpoints.Map(api);
        RoleEndpoints.Map(api);
        GroupEndpoints.Map(api);
        UserEndpoints.Map(api);
        ApiKeyEndpoints.Map(api);
    }
}
