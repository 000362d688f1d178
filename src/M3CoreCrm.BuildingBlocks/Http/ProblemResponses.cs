using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace M3CoreCrm.BuildingBlocks.Http;

/// <summary>
/// Answers a request with a problem without throwing it, for middleware on hot paths (429 under a flood): no
/// exception cost, and no request-log entry that sees an exception pass and records a 500. The body, status and
/// Retry-After are exactly those the exception handler writes for the same <see cref="ApiProblemException"/>.
/// </summary>
public static class ProblemResponses
{
    public static async Task WriteAsync(HttpContext context, ApiProblemException problem)
    {
        var (details, retryAfter) = CrmExceptionHandler.Map(problem);
        var service = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        if (!await CrmExceptionHandler.WriteAsync(context, service, details, retryAfter, exception: null))
        {
            await context.Response.WriteAsJsonAsync(details, options: null, contentType: "application/problem+json", context.RequestAborted);
        }
    }
}
