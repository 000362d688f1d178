using FluentValidation;
using M3CoreCrm.BuildingBlocks.Authorization;
using M3CoreCrm.BuildingBlocks.Data;
using M3CoreCrm.BuildingBlocks.Events;
using M3CoreCrm.BuildingBlocks.Modules;
using M3CoreCrm.Modules.Contacts.Contracts;
using M3CoreCrm.Modules.Leads.Assignment;
using M3CoreCrm.Modules.Leads.Authorization;
using M3CoreCrm.Modules.Leads.Contracts;
using M3CoreCrm.Modules.Leads.Data;
using M3CoreCrm.Modules.Leads.Demo;
using M3CoreCrm.Modules.Leads.Events;
using M3CoreCrm.Modules.Leads.Features;
using M3CoreCrm.Modules.Leads.Features.AssignLead;
using M3CoreCrm.Modules.Leads.Features.AssignmentRules;
using M3CoreCrm.Modules.Leads.Features.BatchLeads;
using M3CoreCrm.Modules.Leads.Features.ChangeStatus;
using M3CoreCrm.Modules.Leads.Features.ConvertLead;
using M3CoreCrm.Modules.Leads.Features.CreateLead;
using M3CoreCrm.Modules.Leads.Features.DeleteLead;
using M3CoreCrm.Modules.Leads.Features.ExportLeads;
using M3CoreCrm.Modules.Leads.Features.GetLead;
using M3CoreCrm.Modules.Leads.Features.ImportLeads;
using M3CoreCrm.Modules.Leads.Features.LeadHistory;
using M3CoreCrm.Modules.Leads.Features.ListLeads;
using M3CoreCrm.Modules.Leads.Features.UpdateLead;
using M3CoreCrm.Modules.Leads.Services;
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
        services.AddScoped<LeadFinder>();
        services.AddScoped<LeadWriter>();
        services.AddScoped<DuplicateGuard>();
        services.AddScoped<RoundRobinAssigner>();
        services.AddScoped<LeadImporter>();
        services.AddScoped<IDemoDataSeeder, LeadsDemoSeeder>();
        services.AddScoped<IIntegrationEventSubscriber<ContactsMerged>, ContactsMergedSubscriber>();

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
        ListLeadsEndpoint.Map(leads);
        ExportLeadsEndpoint.Map(leads);
        ImportLeadsEndpoint.Map(leads);
        BatchLeadsEndpoint.Map(leads);
        CreateLeadEndpoint.Map(leads);
        GetLeadEndpoint.Map(leads);
        UpdateLeadEndpoint.Map(leads);
        DeleteLeadEndpoints.Map(leads);
        ChangeLeadStatusEndpoint.Map(leads);
        AssignLeadEndpoint.Map(leads);
        ConvertLeadEndpoint.Map(leads);
        LeadHistoryEndpoint.Map(leads);
    }
}
