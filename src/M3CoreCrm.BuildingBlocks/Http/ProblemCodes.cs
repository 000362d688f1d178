using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace M3CoreCrm.BuildingBlocks.Http;

/// <summary>
/// The route-specific problem codes a route can answer with, declared where it is mapped (the document cannot see
/// into a handler): <c>.AnswersWith(409, "deal.closed")</c>. The common codes (validation, not found, precondition,
/// idempotency, sign-in, permission, rate limit) come from the route's other metadata and need no declaration.
/// </summary>
public static class ProblemCodes
{
    /// <summary>The route answers <paramref name="status"/> with each of <paramref name="codes"/> (and documents that status).</summary>
    public static RouteHandlerBuilder AnswersWith(this RouteHandlerBuilder route, int status, params string[] codes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(status, 400);
        foreach (var code in codes)
        {
            route.WithMetadata(new ProblemCodeMetadata(status, code));
        }

        return route.ProducesProblem(status);
    }
}

/// <summary>Endpoint metadata of <see cref="ProblemCodes.AnswersWith"/>: one problem code and its status.</summary>
public sealed record ProblemCodeMetadata(int Status, string Code);
