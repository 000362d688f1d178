using System.Net;
using M3CoreCrm.IntegrationTests.Infrastructure;
using M3CoreCrm.Modules.Tenancy.Features.Tenants;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace M3CoreCrm.IntegrationTests.Tenancy;

/// <summary>Platform actions reach an audit trail: the tenant's log for its suspension, the security log for wrong keys.</summary>
[Collection("api")]
public sealed class PlatformAuditTests(ApiFixture fixture)
{
    [Fact]
    public async Task Suspending_and_activating_a_tenant_are_in_its_audit_log()
    {
        var tenant = await fixture.CreateAsync();
        using var platform = fixture.CreateClient();
        platform.DefaultRequestHeaders.Add("X-Platform-Key", fixture.PlatformApiKey);

        Assert.Equal(HttpStatusCode.OK, (await platform.PostAsync($"/api/v1/platform/tenants/{tenant.Id}/suspend", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await platform.PostAsync($"/api/v1/platform/tenants/{tenant.Id}/activate", null)).StatusCode);

        const string Sql = "SELECT count(*) FROM shared.audit_entries WHERE tenant_id = $1 AND action = $2 AND entity_id = $3 AND changes::text LIKE '%platform%'";
        Assert.Equal(1L, await fixture.ScalarAsync<long>(Sql, tenant.Id, "tenant.suspended", tenant.Id.ToString()));
        Assert.Equal(1L, await fixture.ScalarAsync<long>(Sql, tenant.Id, "tenant.activated", tenant.Id.ToString()));
    }

    [Fact]
    public async Task A_wrong_platform_key_is_written_to_the_security_log()
    {
        var log = new CapturingLogger<PlatformKeyFilter>();
        var host = fixture.CreateFactory(services => services.AddSingleton<ILogger<PlatformKeyFilter>>(log));
        using var client = host.CreateClient();
        var probe = Guid.NewGuid();
        client.DefaultRequestHeaders.Add("X-Platform-Key", "not-the-key");

        using var response = await client.GetAsync($"/api/v1/platform/tenants/{probe}");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var entry = Assert.Single(log.Entries);
        Assert.Equal(LogLevel.Warning, entry.Level);
        Assert.Equal(4011, entry.Event.Id);
        Assert.Contains(probe.ToString(), entry.Message, StringComparison.Ordinal);
        Assert.Contains("wrong", entry.Message, StringComparison.Ordinal);
    }
}
