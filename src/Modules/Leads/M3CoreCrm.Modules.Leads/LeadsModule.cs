using FluentValidation;
using M3CoreCrm.BuildingBlocks.Authorization;
using M3CoreCrm.BuildingBlocks.Data;
using M3CoreCrm.BuildingBlocks.Events;
using M3CoreCrm.BuildingBlocks.Modules;
using M3CoreCrm.Modules.Contacts.Contracts;
using M3CoreCrm.Modules.Leads.Contracts;
using M3CoreCrm.Modules.Leads.Data;
using M3CoreCrm.Modules.Leads.Demo;
using M3CoreCrm.Modules.Leads.Features.AssignmentRules;
using M3CoreCrm.Modules.Leads.Features.Leads;
using M3CoreCrm.Modules.Leads.Integration;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace M3CoreCrm.Modules.Leads;

/// <summary>Leads: capture, search, dedup, assignment (manual and round-robin), status, conversion, CSV in and out.</summary>
public sealed class LeadsModule : IModule
{
    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleDbContext<LeadsDbContext>();
        services.AddPermissions(LeadsPermissions.All);

        services.AddScoped<ILeadDirectory, LeadDirectory>();
        services.AddScoped<LeadQueries>();
        services.AddScoped<LeadService>();
        services.AddScoped<LeadConversionService>();
        services.AddScoped<AssignmentRuleService>();
        services.AddScoped<LeadDuplicateGuard>();
        services.AddScoped<RoundRobinAssigner>();
        services.AddScoped<LeadImporter>();
        services.AddScoped<IDemoDataSeeder, LeadsDemoSeeder>();
        services.AddScoped<IIntegrationEventSubscriber<ContactsMerged>, ContactsMergedHandler>();

        services.AddSingleton<IValidator<CreateLeadRequest>, CreateLeadValidator>();
        services.AddSingleton<IValidator<LeadEdit>, LeadEditValidator>();
        services.AddSingleton<IValidator<ChangeLeadStatusRequest>, ChangeLeadStatusValidator>();
        services.AddSingleton<IValidator<AssignLeadRequest>, AssignLeadValidator>();
        services.AddSingleton<IValidator<ConvertLeadRequest>, ConvertLeadValidator>();
        services.AddSingleton<IValidator<AssignmentRuleRequest>, AssignmentRuleValidator>();
    }

    public void MapEndpoints(IEndpointRouteBuilder api)
    {
        var leads = api.MapGroup("/leads")
            .WithTags("Leads")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        AssignmentRuleEndpoints.Map(leads);
        LeadEndpoints.Map(leads);
        LeadExportEndpoints.Map(leads);
        LeadImportEndpoints.Map(leads);
        LeadBatchEndpoints.Map(leads);
        LeadDeleteEndpoints.Map(leads);
        LeadStatusEndpoints.Map(leads);
        LeadAssignEndpoints.Map(leads);
        LeadConversionEndpoints.Map(leads);
        LeadHistoryEndpoints.Map(leads);
    }
}
