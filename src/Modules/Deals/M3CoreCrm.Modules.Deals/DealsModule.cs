using FluentValidation;
using M3CoreCrm.BuildingBlocks.Authorization;
using M3CoreCrm.BuildingBlocks.Data;
using M3CoreCrm.BuildingBlocks.Events;
using M3CoreCrm.BuildingBlocks.Modules;
using M3CoreCrm.Modules.Deals.Contracts;
using M3CoreCrm.Modules.Deals.Data;
using M3CoreCrm.Modules.Deals.Demo;
using M3CoreCrm.Modules.Deals.Features.Board;
using M3CoreCrm.Modules.Deals.Features.Deals;
using M3CoreCrm.Modules.Deals.Features.Forecast;
using M3CoreCrm.Modules.Deals.Features.Pipelines;
using M3CoreCrm.Modules.Deals.Integration;
using M3CoreCrm.Modules.Tenancy.Contracts;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace M3CoreCrm.Modules.Deals;

/// <summary>Deals and pipelines: stages, moves, win and loss, the board and the forecast, and the directory other modules use.</summary>
public sealed class DealsModule : IModule
{
    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleDbContext<DealsDbContext>();
        services.AddPermissions(DealsPermissions.All);

        services.AddScoped<PipelineCatalog>();
        services.AddScoped<PipelineService>();
        services.AddScoped<DealQueries>();
        services.AddScoped<DealReferences>();
        services.AddScoped<DealService>();
        services.AddScoped<DealStageService>();
        services.AddScoped<BoardQueries>();
        services.AddScoped<ForecastQueries>();
        services.AddScoped<IDealDirectory, DealDirectory>();
        services.AddScoped<IDealStageHistory, DealStageHistoryReader>();
        services.AddScoped<IIntegrationEventSubscriber<TenantProvisioned>, TenantProvisionedHandler>();
        services.AddScoped<IDemoDataSeeder, DealsDemoSeeder>();

        services.AddSingleton<IValidator<CreatePipelineRequest>, CreatePipelineValidator>();
        services.AddSingleton<IValidator<PipelineInput>, PipelineInputValidator>();
        services.AddSingleton<IValidator<PipelineStageInput>, PipelineStageInputValidator>();
        services.AddSingleton<IValidator<AddPipelineStageRequest>, AddPipelineStageValidator>();
        services.AddSingleton<IValidator<ReorderPipelineStagesRequest>, ReorderPipelineStagesValidator>();
        services.AddSingleton<IValidator<CreateDealRequest>, CreateDealValidator>();
        services.AddSingleton<IValidator<DealInput>, DealInputValidator>();
        services.AddSingleton<IValidator<MoveDealRequest>, MoveDealValidator>();
        services.AddSingleton<IValidator<LoseDealRequest>, LoseDealValidator>();
        services.AddSingleton<IValidator<ReopenDealRequest>, ReopenDealValidator>();
    }

    public void MapEndpoints(IEndpointRouteBuilder api)
    {
        PipelineEndpoints.Map(api);
        BoardEndpoints.Map(api);
        ForecastEndpoints.Map(api);
        DealEndpoints.Map(api);
    }
}
