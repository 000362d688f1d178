using M3CoreCrm.BuildingBlocks.Http;
using Microsoft.AspNetCore.Http.Metadata;

namespace M3CoreCrm.Api.Hosting;

/// <summary>
/// Refuses a declared body over the limit with 413 before anything reads it. Kestrel enforces the same limit on
/// bodies of unknown length; endpoints that take more (imports) declare it with request-size metadata.
/// </summary>
internal sealed class RequestBodyLimitMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        var limit = context.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>()?.MaxRequestBodySize ?? CrmSettings.MaxBodyBytes;
        if (context.Request.ContentLength is { } length && length > limit)
        {
            throw new ApiProblemException(StatusCodes.Status413PayloadTooLarge, "request.body_too_large", "Payload too large",
                $"The request body is {length} bytes; the limit is {limit}.");
        }

        return next(context);
    }
}
