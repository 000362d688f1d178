using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using M3CoreCrm.BuildingBlocks.Modules;
using M3CoreCrm.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace M3CoreCrm.IntegrationTests.Tenancy;

[Collection("api")]
public sealed class ProvisioningTests(ApiFixture fixture)
{
    [Fact]
    public async Task Provisioning_creates_the_tenant_its_system_roles_and_owner_in_one_go()
    {
        var tenant = await fixture.CreateAsync();

        Assert.Equal(5L, await fixture.ScalarAsync<long>("SELECT count(*) FROM identity.roles WHERE tenant_id = $1 AND is_system", tenant.Id));
        Assert.Equal(1L, await fixture.ScalarAsync<long>("SELECT count(*) FROM identity.users WHERE tenant_id = $1", tenant.Id));
        Assert.Equal(1L, await fixture.ScalarAsync<long>("SELECT count(*) FROM shared.audit_entries WHERE tenant_id = $1 AND action = 'tenant.provisioned'", tenant.Id));
        Assert.Equal(0L, await fixture.ScalarAsync<long>("SELECT count(*) FROM shared.audit_entries WHERE tenant_id = $1 AND changes::text ILIKE '%argon2%'", tenant.Id));
    }

    [Fact]
    public async Task Platform_routes_need_the_platform_key()
    {
        using var client = fixture.CreateClient();
        using var missing = await client.PostAsJsonAsync("/api/v1/platform/tenants", new { slug = "no-key" });
        Assert.Equal(HttpStatusCode.Unauthorized, missing.StatusCode);

        client.DefaultRequestHeaders.Add("X-Platform-Key", "wrong");
        using var wrong = await client.GetAsync($"/api/v1/platform/tenants/{Guid.NewGuid()}");
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
    }

    [Theory]
    [InlineData("UPPER", "Valid-Password-123", "slug")]
    [InlineData("ok-slug", "short", "ownerPassword")]
    [InlineData("ok-slug", "password1234", "ownerPassword")]
    public async Task Bad_requests_are_4xx_and_write_nothing(string slugPrefix, string password, string field)
    {
        var slug = slugPrefix + "-" + Guid.NewGuid().ToString("N")[..6];
        using var response = await PostTenantAsync(new { slug, name = "X", ownerEmail = "o@x.test", ownerPassword = password });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(field, await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(0L, await fixture.ScalarAsync<long>("SELECT count(*) FROM tenancy.tenants WHERE slug = $1", slug.ToLowerInvariant()));
    }

    [Fact]
    public async Task A_taken_slug_is_409()
    {
        var tenant = await fixture.CreateAsync();
        using var response = await PostTenantAsync(new { slug = tenant.Slug, name = "Again", ownerEmail = "o@x.test", ownerPassword = "Valid-Password-123" });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("tenant.slug_taken", problem.RootElement.GetProperty("code").GetString());
    }

    [Fact]
    public async Task The_cli_creates_a_tenant_whose_admin_can_log_in()
    {
        var slug = "cli-" + Guid.NewGuid().ToString("N")[..8];
        var command = fixture.Factory.Services.GetServices<IHostCommand>().Single(c => c.Name == "tenant");
        await using var scope = fixture.Factory.Services.CreateAsyncScope();

        var exit = await command.RunAsync(
            ["create", "--slug", slug, "--name", "CLI Realty", "--admin-email", "admin@cli.test", "--admin-password", "Valid-Password-123"],
            scope.ServiceProvider, CancellationToken.None);

        Assert.Equal(0, exit);
        var tokens = await fixture.LoginAsync(slug, "admin@cli.test", "Valid-Password-123");
        Assert.False(string.IsNullOrEmpty(tokens.AccessToken));
    }

    [Fact]
    public async Task The_demo_command_is_idempotent_and_its_owner_can_log_in()
    {
        var command = fixture.Factory.Services.GetServices<IHostCommand>().Single(c => c.Name == "demo");
        for (var run = 0; run < 2; run++)
        {
            await using var scope = fixture.Factory.Services.CreateAsyncScope();
            Assert.Equal(0, await command.RunAsync([], scope.ServiceProvider, CancellationToken.None));
        }

        var tokens = await fixture.LoginAsync("demo", "owner@demo.m3core.test", "Sunny-Marina-2026!");
        using var client = fixture.CreateClient(tokens.AccessToken);
        using var me = JsonDocument.Parse(await client.GetStringAsync("/api/v1/me"));
        Assert.Equal("demo", me.RootElement.GetProperty("tenant").GetProperty("slug").GetString());
        Assert.Equal(1L, await fixture.ScalarAsync<long>("SELECT count(*) FROM tenancy.tenants WHERE slug = 'demo'"));
    }

    private async Task<HttpResponseMessage> PostTenantAsync(object body)
    {
        using var client = fixture.CreateClient();
        client.DefaultRequestHeaders.Add("X-Platform-Key", fixture.PlatformApiKey);
        return await client.PostAsJsonAsync("/api/v1/platform/tenants", body);
    }
}
