namespace M3CoreCrm.Modules.Tenancy.Contracts;

/// <summary>
/// Published inside the provisioning transaction, with the new tenant set, right after its owner exists: modules
/// seed what every tenant starts with (e.g. the default sales pipeline). A failing handler fails the provisioning.
/// </summary>
public sealed record TenantProvisioned(Guid TenantId);
