using M3CoreCrm.BuildingBlocks.Authorization;
using M3CoreCrm.BuildingBlocks.Http;
using M3CoreCrm.Modules.Identity.Domain;

namespace M3CoreCrm.UnitTests.Identity;

public sealed class RoleGrantsTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Replacing_grants_removes_changes_in_place_and_adds()
    {
        var role = Role.Create("Ops", null, isSystem: false, Now);
        role.ReplaceGrants(Grants(("users.read", PermissionScope.All), ("leads.read", PermissionScope.Own)), Now);
        var kept = role.Grants.Single(g => g.Permission == "leads.read");

        role.ReplaceGrants(Grants(("leads.read", PermissionScope.Group), ("audit.read", PermissionScope.All)), Now.AddMinutes(1));

        Assert.Equal(["audit.read", "leads.read"], role.Grants.Select(g => g.Permission).Order(StringComparer.Ordinal));
        Assert.Same(kept, role.Grants.Single(g => g.Permission == "leads.read"));
        Assert.Equal(PermissionScope.Group, kept.Scope);
        Assert.All(role.Grants, g => Assert.Equal(role.Id, g.RoleId));
        Assert.Equal(Now.AddMinutes(1), role.UpdatedAt);
    }

    [Fact]
    public void System_roles_refuse_every_change()
    {
        var role = Role.Create("Owner", null, isSystem: true, Now);

        Assert.Equal("role.system", Assert.Throws<ApiProblemException>(() => role.Rename("Boss", Now)).Code);
        Assert.Equal("role.system", Assert.Throws<ApiProblemException>(() => role.Describe("x", Now)).Code);
        Assert.Equal("role.system", Assert.Throws<ApiProblemException>(() => role.ReplaceGrants(Grants(), Now)).Code);
        Assert.Equal(409, Assert.Throws<ApiProblemException>(role.EnsureCustom).Status);
        Assert.Equal("Owner", role.Name);
    }

    [Fact]
    public void Api_key_status_follows_revocation_then_expiry()
    {
        var key = ApiKey.Create(Guid.CreateVersion7(), "Zapier", Guid.CreateVersion7(), new byte[32], "m3k_…abcd", Now.AddHours(1), null, Now);

        Assert.Equal(ApiKeyStatus.Active, key.StatusAt(Now));
        Assert.Equal(ApiKeyStatus.Expired, key.StatusAt(Now.AddHours(1)));
        Assert.True(key.Revoke(Now));
        Assert.False(key.Revoke(Now.AddMinutes(1)));
        Assert.Equal(Now, key.RevokedAt);
        Assert.Equal(ApiKeyStatus.Revoked, key.StatusAt(Now.AddHours(2)));
    }

    private static Dictionary<string, PermissionScope> Grants(params (string Permission, PermissionScope Scope)[] grants) =>
        grants.ToDictionary(g => g.Permission, g => g.Scope, StringComparer.Ordinal);
}
