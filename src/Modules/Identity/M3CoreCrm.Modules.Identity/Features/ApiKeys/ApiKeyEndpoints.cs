using M3CoreCrm.BuildingBlocks.Authorization;
using M3CoreCrm.BuildingBlocks.Http;
using M3CoreCrm.BuildingBlocks.Idempotency;
using M3CoreCrm.BuildingBlocks.Paging;
using M3CoreCrm.BuildingBlocks.Validation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace M3CoreCrm.Modules.Identity.Features.ApiKeys;

/// <summary>/api/v1/api-keys: keys for integrations, each acting with one role's permissions.</summary>
internal static class ApiKeyEndpoints
{
    internal static void Map(IEndpointRouteBuilder api)
    {
        var keys = api.MapGroup("/api-keys").WithTags("API keys");
        keys.MapGet("/", ListAsync)
            .WithName("ListApiKeys")
            .WithSummary("List API keys (never their secrets), newest first; filter by status (active, expired, revoked).")
            .RequirePermission(IdentityPermissions.ApiKeysManage)
            .AnswersWith(StatusCodes.Status400BadRequest, "apikey.invalid_status")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        keys.MapGet("/{id:guid}", GetAsync)
            .WithName("GetApiKey")
            .WithSummary("Read an API key (never its secret).")
            .RequirePermission(IdentityPermissions.ApiKeysManage)
            .ProducesProblem(StatusCodes.Status404NotFound);
        keys.MapPost("/", CreateAsync)
            .WithName("CreateApiKey")
            .WithSummary("Create an API key acting with a role's permissions; the secret is in this response only (an Idempotency-Key replay answers 409).")
            .RequirePermission(IdentityPermissions.ApiKeysManage)
            .AnswersWith(StatusCodes.Status400BadRequest, "apikey.unknown_role")
            .AnswersWith(StatusCodes.Status403Forbidden, "apikey.user_required", "auth.privilege_escalation")
            .AnswersWith(StatusCodes.Status409Conflict, "idempotency.secret_shown_once")
            .CarriesSecret()
            .Validate<CreateApiKeyRequest>();
        keys.MapPost("/{id:guid}/revoke", RevokeAsync)
            .WithName("RevokeApiKey")
            .WithSummary("Revoke an API key: requests with it get 401 from now on (the key stays listed as revoked). A key holding permissions you lack: 403.")
            .RequirePermission(IdentityPermissions.ApiKeysManage)
            .AnswersWith(StatusCodes.Status403Forbidden, "apikey.outranks_caller")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        keys.MapDelete("/{id:guid}", DeleteAsync)
            .WithName("DeleteApiKey")
            .WithSummary("Revoke an API key (same as POST /{id}/revoke; the record stays for the audit trail).")
            .RequirePermission(IdentityPermissions.ApiKeysManage)
            .AnswersWith(StatusCodes.Status403Forbidden, "apikey.outranks_caller")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<Ok<Page<ApiKeyResponse>>> ListAsync(
        [AsParameters] ApiKeyListQuery filter, [AsParameters] PageQuery page, ApiKeyService keys, CancellationToken ct) =>
        TypedResults.Ok(await keys.ListAsync(filter, page, ct));

    private static async Task<Ok<ApiKeyResponse>> GetAsync(Guid id, ApiKeyService keys, CancellationToken ct) =>
        TypedResults.Ok(await keys.GetAsync(id, ct));

    private static async Task<Created<CreatedApiKeyResponse>> CreateAsync(CreateApiKeyRequest request, ApiKeyService keys, CancellationToken ct)
    {
        var created = await keys.CreateAsync(request, ct);
        return TypedResults.Created($"/api/v1/api-keys/{created.ApiKey.Id}", created);
    }

    private static async Task<Ok<ApiKeyResponse>> RevokeAsync(Guid id, ApiKeyService keys, CancellationToken ct) =>
        TypedResults.Ok(await keys.RevokeAsync(id, ct));

    private static async Task<NoContent> DeleteAsync(Guid id, ApiKeyService keys, CancellationToken ct)
    {
        await keys.RevokeAsync(id, ct);
        return TypedResults.NoContent();
    }
}
