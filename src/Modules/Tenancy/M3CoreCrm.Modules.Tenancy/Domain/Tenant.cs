using M3CoreCrm.BuildingBlocks.Tenancy;
using M3CoreCrm.Modules.Tenancy.Contracts;

namespace M3CoreCrm.Modules.Tenancy.Domain;

/// <summary>An agency or developer using the CRM. Global: tenants are not data of a tenant.</summary>
[GlobalEntity]
internal sealed class Tenant
{
    private Tenant()
    {
    }

    public Guid Id { get; private set; }

    public string Slug { get; private set; } = null!;

    public string Name { get; private set; } = null!;

    public TenantStatus Status { get; private set; }

    public string DefaultCurrency { get; private set; } = null!;

    public string TimeZone { get; private set; } = null!;

    public int? RequestsPerMinute { get; private set; }

    public int? MaxUsers { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public uint Version { get; private set; }

    public static Tenant Create(Guid id, string slug, string name, string currency, string timeZone, TenantPlanLimits limits, DateTimeOffset now) => new()
    {
        Id = id,
        Slug = slug,
        Name = name,
        Status = TenantStatus.Active,
        DefaultCurrency = currency,
        TimeZone = timeZone,
        RequestsPerMinute = limits.RequestsPerMinute,
        MaxUsers = limits.MaxUsers,
        CreatedAt = now,
    };

    public void Suspend() => Status = TenantStatus.Suspended;

    public void Activate() => Status = TenantStatus.Active;

    public TenantInfo ToInfo() => new(Id, Slug, Name, Status, DefaultCurrency, TimeZone, new TenantPlanLimits(RequestsPerMinute, MaxUsers));
}
