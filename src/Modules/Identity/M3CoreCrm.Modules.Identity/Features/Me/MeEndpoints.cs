using M3CoreCrm.BuildingBlocks.Authorization;
using M3CoreCrm.BuildingBlocks.Http;
using M3CoreCrm.BuildingBlocks.Validation;
using M3CoreCrm.Modules.Identity.Features.Users;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace M3CoreCrm.Modules.Identity.Features.Me;

/// <summary>/api/v1/me: the caller's profile, and changing its own password.</summary>
internal static class MeEndpoints
{
    internal static void Map(IEndpointRouteBuilder api)
    {
        api.MapGet("/me", async Task<Ok<MeResponse>> (MeService me, CancellationToken ct) => TypedResults.Ok(await me.GetAsync(ct)))
            .WithTags("Auth")
            .WithName("GetMe")
            .WithSummary("The current user, tenant, roles and effective permissions.")
            .AnswersWith(StatusCodes.Status403Forbidden, "auth.user_required")
            .RequireSelf();
        api.MapPost("/me/password", async Task<NoContent> (ChangeOwnPasswordRequest request, MeService me, CancellationToken ct) =>
            {
                await me.ChangePasswordAsync(request, ct);
                return TypedResults.NoContent();
            })
            .WithTags("Auth")
            .WithName("ChangeMyPassword")
            .WithSummary("Change your own password (current and new); your other sessions are signed out. Wrong current passwords are throttled like failed logins.")
            .AnswersWith(StatusCodes.Status400BadRequest, "auth.invalid_current_password", "auth.password_unchanged", "auth.weak_password")
            .AnswersWith(StatusCodes.Status403Forbidden, "auth.user_required")
            .AnswersWith(StatusCodes.Status429TooManyRequests, "auth.too_many_attempts")
            .AnswersWith(StatusCodes.Status503ServiceUnavailable, "auth.busy")
            .RequireSelf()
            .Validate<ChangeOwnPasswordRequest>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
    }
}
