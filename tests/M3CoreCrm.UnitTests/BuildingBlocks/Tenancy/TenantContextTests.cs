using M3CoreCrm.BuildingBlocks.Tenancy;

namespace M3CoreCrm.UnitTests.BuildingBlocks.Tenancy;

public sealed class TenantContextTests
{
    private static readonly Guid TenantA = Guid.CreateVersion7();
    private static readonly Guid TenantB = Guid.CreateVersion7();

    [Fact]
    public void A_new_context_has_no_tenant_and_refuses_to_pretend_it_has()
    {
        var context = new TenantContext();

        Assert.Null(context.TenantId);
        Assert.Throws<InvalidOperationException>(() => context.RequiredTenantId);
    }

    [Fact]
    public void The_tenant_once_set_is_the_tenant()
    {
        var context = new TenantContext();

        context.SetTenant(TenantA);

        Assert.Equal(TenantA, context.TenantId);
        Assert.Equal(TenantA, context.RequiredTenantId);
    }

    [Fact]
    public void Setting_the_same_tenant_again_is_harmless()
    {
        var context = new TenantContext();
        context.SetTenant(TenantA);

        context.SetTenant(TenantA);

        Assert.Equal(TenantA, context.TenantId);
    }

    [Fact]
    public void Another_tenant_in_the_same_unit_of_work_is_refused()
    {
        var context = new TenantContext();
        context.SetTenant(TenantA);

        Assert.Throws<InvalidOperationException>(() => context.SetTenant(TenantB));
        Assert.Equal(TenantA, context.TenantId);
    }

    [Fact]
    public void The_empty_id_is_not_a_tenant()
    {
        var context = new TenantContext();

        Assert.Throws<ArgumentException>(() => context.SetTenant(Guid.Empty));
        Assert.Null(context.TenantId);
    }
}
