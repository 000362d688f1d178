using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace M3CoreCrm.Api.Hosting.OpenApi;

/// <summary>
/// An endpoint that validates its body (<c>.Validate&lt;T&gt;()</c>) answers 400 with field <c>errors</c>, even when a
/// later <c>.ProducesProblem(400)</c> (for its other bad requests) replaced that response with a plain problem: the
/// document keeps the validation problem, a superset of both, so clients can read the field errors typed.
/// </summary>
internal sealed class ValidationProblemFilter : IOperationFilter
{
    private const string BadRequest = "400";

    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var validates = context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<IProducesResponseTypeMetadata>()
            .Any(p => p.StatusCode == StatusCodes.Status400BadRequest && p.Type == typeof(HttpValidationProblemDetails));
        if (!validates || operation.Responses?.TryGetValue(BadRequest, out var response) != true || response?.Content is not { Count: > 0 } content)
        {
            return;
        }

        var schema = context.SchemaGenerator.GenerateSchema(typeof(HttpValidationProblemDetails), context.SchemaRepository);
        foreach (var mediaType in content.Keys.ToList())
        {
            content[mediaType] = new OpenApiMediaType { Schema = schema };
        }
    }
}
