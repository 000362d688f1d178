using Microsoft.AspNetCore.Mvc;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace M3CoreCrm.Api.Hosting.OpenApi;

/// <summary>
/// Every problem body carries a machine <c>code</c> and a <c>traceId</c> (ProblemDetailsSetup); the schemas say so,
/// so a generated client exposes them as typed properties instead of leaving them in "additional properties".
/// </summary>
internal sealed class ProblemSchemaFilter : ISchemaFilter
{
    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        if (!typeof(ProblemDetails).IsAssignableFrom(context.Type) || schema is not OpenApiSchema problem)
        {
            return;
        }

        problem.Description = "An RFC 9457 problem: `code` is stable and machine-readable; `type` is a link derived from it.";
        problem.Properties ??= new Dictionary<string, IOpenApiSchema>();
        problem.Properties["code"] = new OpenApiSchema
        {
            Type = JsonSchemaType.String,
            Description = "The machine code of the error, e.g. `lead.not_found` or `validation.failed`.",
        };
        problem.Properties["traceId"] = new OpenApiSchema
        {
            Type = JsonSchemaType.String,
            Description = "The trace of the request, for support and the logs.",
        };
        problem.Required ??= new HashSet<string>();
        problem.Required.Add("code");
    }
}
