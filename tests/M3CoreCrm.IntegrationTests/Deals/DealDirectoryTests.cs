using M3CoreCrm.BuildingBlocks.Data;
using M3CoreCrm.BuildingBlocks.Http;
using M3CoreCrm.BuildingBlocks.Tenancy;
using M3CoreCrm.IntegrationTests.Infrastructure;
using M3CoreCrm.Modules.Deals.Contracts;
using Microsoft.Extensions.DependencyInjection;

namespace M3CoreCrm.IntegrationTests.Deals;

/// <summary>IDealDirectory, the contract lead conversion uses: it writes in the caller's unit of work.</summary>
[Collection("api")]
public sealed class DealDirectoryTests(ApiFixture fixture)
{
    [Fact]
    public async Task A_deal_created_through_the_registry_commits_or_rolls_back_with_the_callers_transaction()
    {
        var tenant = await fixture.CreateAsync();
        var agent = await fixture.AddUserAsync(tenant, "Agent");

        var kept = await InScopeAsync(tenant, async (directory, unitOfWork) =>
            await unitOfWork.InTransactionAsync(
                token => directory.CreateDealAsync(new NewDeal("Converted lead", Amount: 1_250_000m, OwnerId: agent.Id, ExpectedCloseDate: new DateOnly(2027, 6, 30)), token),
                CancellationToken.None));

        await Assert.ThrowsAsync<InvalidOperationException>(() => InScopeAsync<Guid>(tenant, async (directory, unitOfWork) =>
            await unitOfWork.InTransactionAsync<Guid>(async token =>
            {
                await directory.CreateDealAsync(new NewDeal("Rolled back"), token);
                throw new InvalidOperationException("The conversion failed after the deal was written.");
            }, CancellationToken.None)));

        var refused = await Assert.ThrowsAsync<ApiProblemException>(() => InScopeAsync(tenant, (directory, _) =>
            directory.CreateDealAsync(new NewDeal("Bad", Amount: -1m), CancellationToken.None)));
        Assert.Equal(400, refused.Status);
        await Assert.ThrowsAsync<ApiProblemException>(() => InScopeAsync(tenant, (directory, _) =>
            directory.CreateDealAsync(new NewDeal("Nowhere", StageId: Guid.NewGuid()), CancellationToken.None)));
        await Assert.ThrowsAsync<ApiProblemException>(() => InScopeAsync(tenant, (directory, _) =>
            directory.CreateDealAsync(new NewDeal("No such contact", ContactId: Guid.NewGuid()), CancellationToken.None)));

        using var owner = await fixture.OwnerClientAsync(tenant);
        var deals = await owner.ItemsAsync("/api/v1/deals");
        var deal = Assert.Single(deals);
        Assert.Equal(kept, deal.Id());
        Assert.Equal(agent.Id, deal.GetProperty("ownerId").GetGuid());
        Assert.Equal("2027-06-30", deal.Str("expectedCloseDate"));
        Assert.Equal("AED", deal.Str("currency"));
        Assert.Equal("New inquiry", deal.Str("stageName"));
    }

    private async Task<T> InScopeAsync<T>(TestTenant tenant, Func<IDealDirectory, UnitOfWork, Task<T>> work)
    {
        await using var scope = fixture.Factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ITenantContext>().SetTenant(tenant.Id);
        return await work(scope.ServiceProvider.GetRequiredService<IDealDirectory>(), scope.ServiceProvider.GetRequiredService<UnitOfWork>());
    }
}
