using M3CoreCrm.BuildingBlocks.Data;
using M3CoreCrm.BuildingBlocks.Http;
using M3CoreCrm.BuildingBlocks.Modules;
using M3CoreCrm.BuildingBlocks.Tenancy;
using M3CoreCrm.IntegrationTests.Infrastructure;
using M3CoreCrm.Modules.Contacts.Contracts;
using M3CoreCrm.Modules.Contacts.Domain;
using Microsoft.Extensions.DependencyInjection;

namespace M3CoreCrm.IntegrationTests.Contacts;

/// <summary>The registry other modules use (in their unit of work), and the demo data seeder.</summary>
[Collection("api")]
public sealed class ContactRegistryAndDemoTests(ApiFixture fixture)
{
    [Fact]
    public async Task The_registry_creates_in_the_callers_transaction_and_rolls_back_with_it()
    {
        var tenant = await fixture.CreateAsync();
        using var owner = await fixture.OwnerClientAsync(tenant);
        Guid companyId;
        Guid contactId;
        await using (var scope = fixture.Factory.Services.CreateAsyncScope())
        {
            var services = scope.ServiceProvider;
            services.GetRequiredService<ITenantContext>().SetTenant(tenant.Id);
            var registry = services.GetRequiredService<IContactDirectory>();
            (companyId, contactId) = await services.GetRequiredService<UnitOfWork>().InTransactionAsync(async ct =>
            {
                var company = await registry.CreateCompanyAsync(new NewCompany("Horizon Crescent Estates", "horizoncrescent.com", "+971 4 222 3344", tenant.OwnerId), ct);
                var contact = await registry.CreateContactAsync(
                    new NewContact("Sergei", "Ivanov", "Sergei.Ivanov@HorizonCrescent.com", "+971 52 765 4321", company, Guid.CreateVersion7(), tenant.OwnerId, ["Converted"]), ct);
                return (company, contact);
            }, CancellationToken.None);

            Assert.Equal(contactId, await registry.FindContactByEmailAsync(" sergei.ivanov@horizoncrescent.com ", CancellationToken.None));
            Assert.Null(await registry.FindContactByEmailAsync("nobody@example.com", CancellationToken.None));
            Assert.Equal(new[] { contactId }, (await registry.ExistingContactsAsync([contactId, Guid.CreateVersion7()], CancellationToken.None)).ToArray());
            Assert.Equal(new[] { companyId }, (await registry.ExistingCompaniesAsync([companyId, Guid.CreateVersion7()], CancellationToken.None)).ToArray());
            Assert.Empty(await registry.ExistingContactsAsync([], CancellationToken.None));
        }

        var contact = await owner.GetJsonAsync($"/api/v1/contacts/{contactId}");
        Assert.Equal("+971527654321", contact.GetProperty("phones")[0].Str("number"));
        Assert.Equal(companyId, contact.GetProperty("companyId").GetGuid());
        Assert.Equal(["converted"], contact.GetProperty("tags").EnumerateArray().Select(t => t.GetString()!).ToArray());

        // Invalid input is refused with a problem, and a failing caller takes everything back.
        await using (var scope = fixture.Factory.Services.CreateAsyncScope())
        {
            var services = scope.ServiceProvider;
            services.GetRequiredService<ITenantContext>().SetTenant(tenant.Id);
            var registry = services.GetRequiredService<IContactDirectory>();
            await Assert.ThrowsAsync<ApiProblemException>(() =>
                registry.CreateContactAsync(new NewContact("Bad", null, "not-an-email", null, null, null, null, []), CancellationToken.None));

            await Assert.ThrowsAsync<InvalidOperationException>(() => services.GetRequiredService<UnitOfWork>().InTransactionAsync<bool>(async ct =>
            {
                await registry.CreateCompanyAsync(new NewCompany("Rolled Back Ltd", null, null, null), ct);
                await registry.CreateContactAsync(new NewContact("Rolled", "Back", null, null, null, null, null, []), ct);
                throw new InvalidOperationException("The conversion failed after creating them.");
            }, CancellationToken.None));
        }

        Assert.Equal([contactId], (await owner.GetJsonAsync("/api/v1/contacts")).ItemIds());
        Assert.Equal([companyId], (await owner.GetJsonAsync("/api/v1/companies")).ItemIds());
    }

    [Fact]
    public async Task The_demo_seeder_fills_a_tenant_with_valid_companies_and_contacts_spread_over_the_users()
    {
        var tenant = await fixture.CreateAsync();
        var (agentId, agent) = await fixture.AddUserAsync(tenant, "Agent");
        using var _ = agent;
        using var owner = await fixture.OwnerClientAsync(tenant);

        await using (var scope = fixture.Factory.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<ITenantContext>().SetTenant(tenant.Id);
            var seeder = Assert.Single(scope.ServiceProvider.GetServices<IDemoDataSeeder>(), s => s.GetType().Name == "ContactsDemoSeeder");
            Assert.Equal(20, seeder.Order);
            await seeder.SeedAsync(new DemoSeedContext(tenant.Id, tenant.OwnerId, [agentId]), CancellationToken.None);
        }

        var companies = await owner.GetAllPagesAsync("/api/v1/companies", limit: 200);
        var contacts = await owner.GetAllPagesAsync("/api/v1/contacts", limit: 200);
        Assert.Equal(40, companies.Count);
        Assert.Equal(250, contacts.Count);
        Assert.Equal(2, contacts.Select(c => c.GetProperty("ownerId").GetGuid()).Distinct().Count());
        Assert.All(contacts, c =>
        {
            Assert.NotEmpty(c.GetProperty("phones").EnumerateArray());
            Assert.All(c.GetProperty("phones").EnumerateArray(), p => Assert.StartsWith("+971", p.Str("number"), StringComparison.Ordinal));
            Assert.All(c.GetProperty("emails").EnumerateArray(), e => Assert.True(ContactPointRules.IsValidEmail(e.Str("address"))));
        });
        var emails = contacts.SelectMany(c => c.GetProperty("emails").EnumerateArray().Select(e => e.Str("address")!.ToLowerInvariant())).ToList();
        Assert.Equal(emails.Count, emails.Distinct().Count());
        Assert.True(contacts.Count(c => c.GetProperty("companyId").ValueKind != System.Text.Json.JsonValueKind.Null) > 100);
        Assert.True((await owner.GetJsonAsync("/api/v1/contacts?tags=vip&limit=200")).GetProperty("items").GetArrayLength() > 0);
        Assert.Equal(contacts.Count(c => c.GetProperty("ownerId").GetGuid() == agentId), (await agent.GetAllPagesAsync("/api/v1/contacts", limit: 200)).Count);
    }
}
