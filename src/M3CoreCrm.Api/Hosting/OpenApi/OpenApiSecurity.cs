using M3CoreCrm.BuildingBlocks.Http;
using Microsoft.AspNetCore.Authorization;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace M3CoreCrm.Api.Hosting.OpenApi;

/// <summary>
/// The security requirement of each operation: a bearer token or API key where a caller must sign in, the header key
/// of <see cref="HeaderKeyAuthorization"/> routes (e.g. X-Platform-Key), an empty one (none needed) on anonymous ones.
/// </summary>
internal sealed class OpenApiSecurity : IOperationFilter
{
    internal const string BearerScheme = "Bearer";
    internal const string ApiKeyScheme = "ApiKey";

    /// <summary>Whether the operation needs a signed-in user or API key.</summary>
    internal static bool NeedsCaller(OperationFilterContext context)
    {
        var metadata = context.ApiDescription.ActionDescriptor.EndpointMetadata;
        return !metadata.OfType<IAllowAnonymous>().Any() && metadata.OfType<IAuthorizeData>().Any();
    }

    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        if (context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<HeaderKeyAuthorization>().LastOrDefault() is { } headerKey)
        {
            var components = context.Document.Components ??= new OpenApiComponents();
            components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            components.SecuritySchemes.TryAdd(headerKey.SchemeName, new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Header,
                Name = headerKey.HeaderName,
                Description = headerKey.Description,
            });
            operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(headerKey.SchemeName, context.Document)] = [] }];
            return;
        }

        if (!NeedsCaller(context))
        {
            // An empty requirement says "no authentication" explicitly, so no reader (or linter) takes it for an oversight.
            operation.Security = [new OpenApiSecurityRequirement()];
            return;
        }

        operation.Security =
        [
            new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, context.Document)] = [] },
            new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ApiKeyScheme, context.Document)] = [] },
        ];
    }
}
