using FluentValidation;
using M3CoreCrm.BuildingBlocks.Authorization;
using M3CoreCrm.BuildingBlocks.Data;
using M3CoreCrm.BuildingBlocks.Events;
using M3CoreCrm.BuildingBlocks.Modules;
using M3CoreCrm.Modules.Deals.Contracts;
using M3CoreCrm.Modules.Inventory.Contracts;
using M3CoreCrm.Modules.Inventory.Data;
using M3CoreCrm.Modules.Inventory.Demo;
using M3CoreCrm.Modules.Inventory.Features.Bookings;
using M3CoreCrm.Modules.Inventory.Features.Buildings;
using M3CoreCrm.Modules.Inventory.Features.Projects;
using M3CoreCrm.Modules.Inventory.Features.Stats;
using M3CoreCrm.Modules.Inventory.Features.Units;
using M3CoreCrm.Modules.Inventory.Integration;
using M3CoreCrm.Modules.Inventory.Jobs;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace M3CoreCrm.Modules.Inventory;

/// <summary>
/// Inventory: projects, buildings and units; holds, reservations with payment plans, sales from won deals and
/// releases from lost ones, with at most one active booking per unit enforced by the database; availability search
/// and stats; the hold expiry job.
/// </summary>
public sealed class InventoryModule : IModule
{
    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleDbContext<InventoryDbContext>();
        services.AddPermissions(InventoryPermissions.All);

        services.AddScoped<ProjectService>();
        services.AddScoped<BuildingService>();
        services.AddScoped<UnitQueries>();
        services.AddScoped<UnitService>();
        services.AddScoped<BookingScope>();
        services.AddScoped<BookingQueries>();
        services.AddScoped<BookingService>();
        services.AddScoped<BookingOutcomes>();
        services.AddScoped<StatsQueries>();
        services.AddScoped<IUnitDirectory, UnitDirectory>();
        services.AddScoped<IIntegrationEventSubscriber<DealWon>, DealWonHandler>();
        services.AddScoped<IIntegrationEventSubscriber<DealLost>, DealLostHandler>();
        services.AddScoped<IIntegrationEventSubscriber<DealReopened>, DealReopenedHandler>();
        services.AddScoped<IDemoDataSeeder, InventoryDemoSeeder>();
        services.AddScoped<IDemoDataSeeder, InventoryBookingsDemoSeeder>();
        services.AddSingleton<HoldExpiryJob>();
        services.AddHostedService(sp => sp.GetRequiredService<HoldExpiryJob>());

        services.AddSingleton<IValidator<ProjectInput>, ProjectInputValidator>();
        services.AddSingleton<IValidator<CreateBuildingRequest>, CreateBuildingValidator>();
        services.AddSingleton<IValidator<BuildingInput>, BuildingInputValidator>();
        services.AddSingleton<IValidator<CreateUnitRequest>, CreateUnitValidator>();
        services.AddSingleton<IValidator<UnitInput>, UnitInputValidator>();
        services.AddSingleton<IValidator<GenerateUnitsRequest>, GenerateUnitsValidator>();
        services.AddSingleton<IValidator<HoldUnitRequest>, HoldUnitValidator>();
        services.AddSingleton<IValidator<ReserveUnitRequest>, ReserveUnitValidator>();
        services.AddSingleton<IValidator<ReservationInput>, ReservationInputValidator>();
    }

    public void MapEndpoints(IEndpointRouteBuilder api)
    {
        var inventory = api.MapGroup("/inventory");
        ProjectEndpoints.Map(inventory);
        BuildingEndpoints.Map(inventory);
        UnitEndpoints.Map(inventory);
        BookingEndpoints.Map(inventory);
        StatsEndpoints.Map(inventory);
    }
}
