using M3CoreCrm.BuildingBlocks.Http;
using M3CoreCrm.BuildingBlocks.Validation;
using M3CoreCrm.Modules.Tenancy.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace M3CoreCrm.Modules.Tenancy.Features.Tenants;

/// <summary>Tenant provisioning and status for the platform operator (X-Platform-Key), outside any tenant.</summary>
internal static class TenantEndpoints
{
    internal static void Map(IEndpointRouteBuilder api)
    {
        var platform = api.MapGroup("/platform/tenants")
            .WithTags("Platform")
            .AllowAnonymous()
            .AddEndpointFilter<PlatformKeyFilter>()
            .WithMetadata(new HeaderKeyAuthorization("PlatformKey", PlatformKeyFilter.HeaderName, "The deployment's Platform:ApiKey."));

        platform.MapPost("/", CreateAsync)
            .WithName("CreateTenant")
            .WithSummary("Provision a tenant with its system roles and first owner (platform key).")
            .AnswersWith(StatusCodes.Status400BadRequest, "auth.weak_password")
            .AnswersWith(StatusCodes.Status401Unauthorized, "platform.invalid_key")
            .AnswersWith(StatusCodes.Status409Conflict, "tenant.slug_taken")
            .Validate<CreateTenantRequest>()
            .ProducesProblem(StatusCodes.Status409Conflict);
        platform.MapGet("/{id:guid}", GetAsync)
            .WithName("GetTenant")
            .WithSummary("Read a tenant (platform key).")
            .AnswersWith(StatusCodes.Status401Unauthorized, "platform.invalid_key")
            .ProducesProblem(StatusCodes.Status404NotFound);
        platform.MapPost("/{id:guid}/suspend", (Guid id, TenantStatusChanger changer, CancellationToken ct) => changer.SetAsync(id, TenantStatus.Suspended, ct))
            .WithName("SuspendTenant")
            .WithSummary("Suspend a tenant: its users can no longer log in or call the API (platform key).")
            .AnswersWith(StatusCodes.Status401Unauthorized, "platform.invalid_key")
            .ProducesProblem(StatusCodes.Status404NotFound);
        platform.MapPost("/{id:guid}/activate", (Guid id, TenantStatusChanger changer, CancellationToken ct) => changer.SetAsync(id, TenantStatus.Active, ct))
            .WithName("ActivateTenant")
            .WithSummary("Re-activate a suspended tenant (platform key).")
            .AnswersWith(StatusCodes.Status401Unauthorized, "platform.invalid_key")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<Created<CreateTenantResponse>> CreateAsync(CreateTenantRequest request, TenantProvisioner provisioner, CancellationToken ct)
    {
        var (tenant, ownerId) = await provisioner.ProvisionAsync(
            new NewTenant(
                request.Slug,
                request.Name,
                request.DefaultCurrency ?? "USD",
                request.TimeZone ?? "UTC",
                request.Limits ?? new TenantPlanLimits(null, null),
                request.OwnerEmail,
                request.OwnerPassword,
                request.OwnerDisplayName ?? request.OwnerEmail),
            ct);
        return TypedResults.Created($"/api/v1/platform/tenants/{tenant.Id}", new CreateTenantResponse(TenantResponse.From(tenant), ownerId));
    }

    private static async Task<Ok<TenantResponse>> GetAsync(Guid id, TenantQueries tenants, CancellationToken ct) =>
        TypedResults.Ok(TenantResponse.From(await tenants.GetAsync(id, ct)));
}
