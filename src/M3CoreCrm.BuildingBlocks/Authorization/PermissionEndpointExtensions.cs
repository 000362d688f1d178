using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace M3CoreCrm.BuildingBlocks.Authorization;

/// <summary>The permission an endpoint needs; a test fails for an /api/v1 endpoint without one (or AllowAnonymous).</summary>
public sealed record PermissionRequirement(string Name)
{
    /// <summary>
    /// Not a permission of the catalogue: the endpoint acts only on the caller itself (its profile, password,
    /// sessions), so any authenticated caller may use it.
    /// </summary>
    public const string Self = "self";
}

public static class PermissionEndpointExtensions
{
    /// <summary>One line per endpoint: <c>.RequirePermission("leads.read")</c>; 403 problem details without it.</summary>
    public static TBuilder RequirePermission<TBuilder>(this TBuilder builder, string permission)
        where TBuilder : IEndpointConventionBuilder
    {
        builder.WithMetadata(new PermissionRequirement(permission));
        builder.AddEndpointFilter(async (context, next) =>
        {
            var access = context.HttpContext.RequestServices.GetRequiredService<AccessScope>();
            await access.DemandAsync(permission, context.HttpContext.RequestAborted);
            return await next(context);
        });
        builder.ProducesProblem(StatusCodes.Status403Forbidden);
        return builder;
    }

    /// <summary>
    /// Declares an endpoint that acts only on the caller itself (<see cref="PermissionRequirement.Self"/>): it needs
    /// authentication, and no permission beyond it.
    /// </summary>
    public static TBuilder RequireSelf<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new PermissionRequirement(PermissionRequirement.Self));
}
