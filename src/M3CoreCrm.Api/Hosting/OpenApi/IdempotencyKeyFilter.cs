using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace M3CoreCrm.Api.Hosting.OpenApi;

/// <summary>
/// Documents the optional <c>Idempotency-Key</c> header on the POSTs the idempotency middleware honours (those of a
/// signed-in tenant user or API key), so generated clients can pass it and retry safely.
/// </summary>
internal sealed class IdempotencyKeyFilter : IOperationFilter
{
    internal const string HeaderName = "Idempotency-Key";

    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        if (!HttpMethods.IsPost(context.ApiDescription.HttpMethod ?? "") || !OpenApiSecurity.NeedsCaller(context))
        {
            return;
        }

        operation.Parameters ??= [];
        operation.Parameters.Add(new OpenApiParameter
        {
            Name = HeaderName,
            In = ParameterLocation.Header,
            Required = false,
            Description = "Makes a retry safe: the same key with the same request replays the first response (24 hours) instead of running again.",
            Schema = new OpenApiSchema { Type = JsonSchemaType.String, MinLength = 1, MaxLength = 255 },
        });
    }
}
