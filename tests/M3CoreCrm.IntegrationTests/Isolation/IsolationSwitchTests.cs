using System.Net;
using M3CoreCrm.IntegrationTests.Infrastructure;

namespace M3CoreCrm.IntegrationTests.Isolation;

/// <summary>
/// No configuration key switches an isolation layer off: a host connected as a superuser (row-level security
/// bypassed) and given the old test-only key still keeps the EF tenant filters, so another tenant's user stays hidden.
/// </summary>
[Collection("api")]
public sealed class IsolationSwitchTests(ApiFixture fixture)
{
    [Fact]
    public async Task A_configuration_key_cannot_turn_the_tenant_filters_off()
    {
        await using var host = fixture.CreateFactory(
            ("ConnectionStrings:Crm", fixture.Database.SuperuserConnectionString),
            ("Testing:DisableTenantFilters", "true"),
            ("Database:MigrateOnStartup", "false"));
        var victim = await fixture.CreateAsync();
        var intruder = await fixture.CreateAsync();
        using var client = host.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", (await fixture.LoginOwnerAsync(intruder)).AccessToken);

        using var own = await client.GetAsync(new Uri($"/api/v1/users/{intruder.OwnerId}", UriKind.Relative));
        using var stolen = await client.GetAsync(new Uri($"/api/v1/users/{victim.OwnerId}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, stolen.StatusCode);
        Assert.DoesNotContain(victim.OwnerEmail, await stolen.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }
}
