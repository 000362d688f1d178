using M3CoreCrm.Api.Commands;
using M3CoreCrm.Api.Hosting;
using M3CoreCrm.BuildingBlocks.Modules;
using M3CoreCrm.Modules.Activities;
using M3CoreCrm.Modules.Contacts;
using M3CoreCrm.Modules.Deals;
using M3CoreCrm.Modules.Identity;
using M3CoreCrm.Modules.Inventory;
using M3CoreCrm.Modules.Leads;
using M3CoreCrm.Modules.Tenancy;
using M3CoreCrm.Modules.Webhooks;

// The modules of this host, in the order their services and endpoints are added.
IModule[] modules =
[
    new TenancyModule(),
    new IdentityModule(),
    new LeadsModule(),
    new ContactsModule(),
    new DealsModule(),
    new InventoryModule(),
    new ActivitiesModule(),
    new WebhooksModule(),
];

var app = CrmHost.Build(args, modules);
return await CommandRunner.RunAsync(app, args);

/// <summary>Entry point; public for WebApplicationFactory in the integration tests.</summary>
public partial class Program;
