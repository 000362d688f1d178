using FluentValidation;
using M3CoreCrm.BuildingBlocks.Authorization;
using M3CoreCrm.BuildingBlocks.Data;
using M3CoreCrm.BuildingBlocks.Modules;
using M3CoreCrm.Modules.Contacts.Contracts;
using M3CoreCrm.Modules.Contacts.Data;
using M3CoreCrm.Modules.Contacts.Demo;
using M3CoreCrm.Modules.Contacts.Features.Companies;
using M3CoreCrm.Modules.Contacts.Features.Contacts;
using M3CoreCrm.Modules.Contacts.Infrastructure;
using M3CoreCrm.Modules.Contacts.Integration;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace M3CoreCrm.Modules.Contacts;

/// <summary>Contacts and companies: the address book, with search, dedup, merge, and the directory other modules use.</summary>
public sealed class ContactsModule : IModule
{
    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleDbContext<ContactsDbContext>();
        services.AddPermissions(ContactsPermissions.All);

        services.AddScoped<DuplicateLocks>();
        services.AddScoped<ContactService>();
        services.AddScoped<ContactQueries>();
        services.AddScoped<CompanyService>();
        services.AddScoped<IContactDirectory, ContactDirectory>();
        services.AddScoped<IDemoDataSeeder, ContactsDemoSeeder>();

        services.AddSingleton<IValidator<ContactInput>, ContactInputValidator>();
        services.AddSingleton<IValidator<CompanyInput>, CompanyInputValidator>();
        services.AddSingleton<IValidator<MergeContactsRequest>, MergeContactsValidator>();
        services.AddSingleton<IValidator<ContactBatchRequest>, ContactBatchValidator>();
        services.AddSingleton<IValidator<CompanyBatchRequest>, CompanyBatchValidator>();
    }

    public void MapEndpoints(IEndpointRouteBuilder api)
    {
        ContactEndpoints.Map(api);
        CompanyEndpoints.Map(api);
    }
}
