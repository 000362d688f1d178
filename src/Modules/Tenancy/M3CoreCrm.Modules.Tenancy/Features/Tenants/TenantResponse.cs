using M3CoreCrm.Modules.Tenancy.Contracts;

namespace M3CoreCrm.Modules.Tenancy.Features;

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
