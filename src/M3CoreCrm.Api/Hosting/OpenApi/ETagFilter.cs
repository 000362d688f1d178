using M3CoreCrm.BuildingBlocks.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace M3CoreCrm.Api.Hosting.OpenApi;

/// <summary>
/// Optimistic concurrency, from the routes' <see cref="ETagConventions"/>: an optional <c>If-Match</c> header and a
/// 412 problem where the handler checks it, the <c>ETag</c> header on the successes of routes that send it. Generated
/// clients can then read a record's version and send it back with a change.
/// </summary>
internal sealed class ETagFilter : IOperationFilter
{
    internal const string IfMatchHeader = "If-Match";
    internal const string ETagHeader = "ETag";
    private const string PreconditionFailed = "412";

    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var metadata = context.ApiDescription.ActionDescriptor.EndpointMetadata;
        if (metadata.OfType<HonoursIfMatchMetadata>().Any())
        {
            AddIfMatch(operation, context);
        }

        if (metadata.OfType<ReturnsETagMetadata>().Any())
        {
            AddETag(operation);
        }
    }

    private static void AddIfMatch(OpenApiOperation operation, OperationFilterContext context)
    {
        operation.Parameters ??= [];
        operation.Parameters.Add(new OpenApiParameter
        {
            Name = IfMatchHeader,
            In = ParameterLocation.Header,
            Required = false,
            Description = "A strong ETag from an earlier read or write of this record (its ETag header, e.g. \"5\" with the quotes): "
                + "if the record has changed since, the answer is 412 and nothing changes. Absent or * skips the check.",
            Schema = new OpenApiSchema { Type = JsonSchemaType.String },
        });

        // Routes usually list 412 themselves (ProducesWriteProblems); one that does not still answers it. The schema
        // is the document's ProblemDetails component, as for every other problem.
        operation.Responses ??= [];
        if (!operation.Responses.ContainsKey(PreconditionFailed))
        {
            var problem = new OpenApiResponse { Description = "Precondition Failed", Content = new Dictionary<string, IOpenApiMediaType>() };
            problem.Content["application/problem+json"] = new OpenApiMediaType
            {
                Schema = context.SchemaGenerator.GenerateSchema(typeof(ProblemDetails), context.SchemaRepository),
            };
            operation.Responses[PreconditionFailed] = problem;
        }
    }

    private static void AddETag(OpenApiOperation operation)
    {
        var successes = (operation.Responses ?? []).Where(r => r.Key.StartsWith('2')).Select(r => r.Value).OfType<OpenApiResponse>();
        foreach (var response in successes)
        {
            response.Headers ??= new Dictionary<string, IOpenApiHeader>();
            response.Headers[ETagHeader] = new OpenApiHeader
            {
                Description = "The record's version as a strong ETag (e.g. \"5\"); send it back in If-Match to change the record only if nobody else has.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String },
            };
        }
    }
}
