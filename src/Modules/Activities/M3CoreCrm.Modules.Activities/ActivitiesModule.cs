using FluentValidation;
using M3CoreCrm.BuildingBlocks.Authorization;
using M3CoreCrm.BuildingBlocks.Data;
using M3CoreCrm.BuildingBlocks.Events;
using M3CoreCrm.BuildingBlocks.Modules;
using M3CoreCrm.Modules.Activities.Data;
using M3CoreCrm.Modules.Activities.Demo;
using M3CoreCrm.Modules.Activities.Features.Activities;
using M3CoreCrm.Modules.Activities.Features.Tasks;
using M3CoreCrm.Modules.Activities.Features.Timeline;
using M3CoreCrm.Modules.Activities.Integration;
using M3CoreCrm.Modules.Contacts.Contracts;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace M3CoreCrm.Modules.Activities;

/// <summary>Activities and tasks on leads, contacts, companies, deals and units, and record timelines (with deals' stage moves).</summary>
public sealed class ActivitiesModule : IModule
{
    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleDbContext<ActivitiesDbContext>();
        services.AddPermissions(ActivitiesPermissions.All);

        services.AddScoped<TargetRecords>();
        services.AddScoped<TimelineQueries>();
        services.AddScoped<ActivityService>();
        services.AddScoped<TaskService>();
        services.AddScoped<IIntegrationEventSubscriber<ContactsMerged>, ContactsMergedHandler>();
        services.AddScoped<IDemoDataSeeder, ActivitiesDemoSeeder>();

        services.AddSingleton<IValidator<ActivityInput>, ActivityInputValidator>();
        services.AddSingleton<IValidator<TaskInput>, TaskInputValidator>();
        services.AddSingleton<IValidator<CompleteTaskRequest>, CompleteTaskValidator>();
    }

    public void MapEndpoints(IEndpointRouteBuilder api)
    {
        ActivityEndpoints.Map(api);
        TaskEndpoints.Map(api);
        TimelineEndpoints.Map(api);
    }
}
