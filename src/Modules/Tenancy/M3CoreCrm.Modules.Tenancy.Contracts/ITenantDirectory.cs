namespace M3CoreCrm.Modules.Tenancy.Contracts;

/// <summary>Read access to tenants for other modules (login resolves a slug, rate limits read plan limits).</summary>
public interface ITenantDirectory
{
    Task<TenantInfo?> FindBySlugAsync(string slug, CancellationToken cancellationToken);

    Task<TenantInfo?> FindAsync(Guid tenantId, CancellationToken cancellationToken);

    /// <summary>The ids of active (not suspended) tenants, for background work that runs tenant by tenant.</summary>
    Task<IReadOnlyList<Guid>> ListActiveIdsAsync(CancellationToken cancellationToken);
}

public sealed record TenantInfo(
    Guid Id,
    string Slug,
    string Name,
    TenantStatus Status,
    string DefaultCurrency,
    string TimeZone,
    TenantPlanLimits Limits);

/// <summary>Per-tenant limits; null means the deployment's default.</summary>
public sealed record TenantPlanLimits(int? RequestsPerMinute, int? MaxUsers);

public enum TenantStatus
{
    Active,
    Suspended,
}
