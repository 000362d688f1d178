using M3CoreCrm.Modules.Tenancy.Contracts;

namespace M3CoreCrm.Modules.Tenancy.Features.Tenants;

/// <summary>A new tenant and its first owner account.</summary>
internal sealed record CreateTenantRequest(
    string Slug,
    string Name,
    string? DefaultCurrency,
    string? TimeZone,
    TenantPlanLimits? Limits,
    string OwnerEmail,
    string OwnerPassword,
    string? OwnerDisplayName);

/// <summary>201 answer: the tenant and its owner's user id.</summary>
internal sealed record CreateTenantResponse(TenantResponse Tenant, Guid OwnerUserId);

/// <summary>A tenant as the platform API shows it.</summary>
internal sealed record TenantResponse(
    Guid Id,
    string Slug,
    string Name,
    TenantStatus Status,
    string DefaultCurrency,
    string TimeZone,
    TenantPlanLimits Limits)
{
    public static TenantResponse From(TenantInfo t) => new(t.Id, t.Slug, t.Name, t.Status, t.DefaultCurrency, t.TimeZone, t.Limits);
}
