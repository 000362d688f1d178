using M3CoreCrm.BuildingBlocks.Authorization;

namespace M3CoreCrm.Modules.Identity.Features.Me;

internal sealed record MeUser(Guid Id, string Email, string DisplayName, string Status, DateTimeOffset? LastLoginAt);

internal sealed record MeTenant(Guid Id, string Slug, string Name, string DefaultCurrency, string TimeZone);

internal sealed record MeRole(Guid Id, string Name, bool IsSystem);

internal sealed record MeGrant(string Permission, PermissionScope Scope);

/// <summary>Who the caller is, in which tenant, with which roles and effective permissions, and its session.</summary>
internal sealed record MeResponse(MeUser User, MeTenant Tenant, IReadOnlyList<MeRole> Roles, IReadOnlyList<MeGrant> Permissions, Guid SessionId);
