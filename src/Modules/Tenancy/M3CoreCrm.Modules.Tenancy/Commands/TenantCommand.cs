using M3CoreCrm.BuildingBlocks.Http;
using M3CoreCrm.BuildingBlocks.Modules;
using M3CoreCrm.Modules.Tenancy.Contracts;
using M3CoreCrm.Modules.Tenancy.Features.Tenants;
using Microsoft.Extensions.DependencyInjection;

namespace M3CoreCrm.Modules.Tenancy.Commands;

/// <summary><c>tenant create --slug --name --admin-email --admin-password [--currency] [--time-zone]</c>.</summary>
internal sealed class TenantCommand : IHostCommand
{
    public string Name => "tenant";

    public string Usage => "tenant create --slug <slug> --name <name> --admin-email <email> --admin-password <password> [--currency AED] [--time-zone Asia/Dubai]";

    public async Task<int> RunAsync(IReadOnlyList<string> arguments, IServiceProvider services, CancellationToken cancellationToken)
    {
        var args = new CommandArguments(arguments);
        if (arguments.Count == 0 || arguments[0] != "create" || args["slug"] is null || args["admin-email"] is null || args["admin-password"] is null)
        {
            await Console.Error.WriteLineAsync("Usage: " + Usage);
            return 2;
        }

        var request = new CreateTenantRequest(args["slug"]!, args["name"] ?? args["slug"]!, args["currency"], args["time-zone"], null,
            args["admin-email"]!, args["admin-password"]!, args["admin-name"]);
        var validation = await services.GetRequiredService<FluentValidation.IValidator<CreateTenantRequest>>().ValidateAsync(request, cancellationToken);
        if (!validation.IsValid)
        {
            foreach (var error in validation.Errors)
            {
                await Console.Error.WriteLineAsync($"{error.PropertyName}: {error.ErrorMessage}");
            }

            return 2;
        }

        try
        {
            var (tenant, ownerId) = await services.GetRequiredService<TenantProvisioner>().ProvisionAsync(
                new NewTenant(request.Slug, request.Name, request.DefaultCurrency ?? "USD", request.TimeZone ?? "UTC",
                    new TenantPlanLimits(null, null), request.OwnerEmail, request.OwnerPassword, request.OwnerDisplayName ?? request.OwnerEmail),
                cancellationToken);
            Console.WriteLine($"Created tenant {tenant.Slug} ({tenant.Id}) with owner {request.OwnerEmail} ({ownerId}).");
            return 0;
        }
        catch (ApiProblemException problem)
        {
            await Console.Error.WriteLineAsync($"{problem.Code}: {problem.Detail}");
            return 1;
        }
    }
}
