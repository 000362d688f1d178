using System.Text.Json;
using M3CoreCrm.Api.Commands;
using M3CoreCrm.Api.Hosting.OpenApi;
using M3CoreCrm.BuildingBlocks.Http;
using M3CoreCrm.BuildingBlocks.Modules;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace M3CoreCrm.Api.Hosting;

/// <summary>
/// The OpenAPI document (Swashbuckle), Swagger UI with a bearer "Authorize" button and the reading-friendly reference
/// (<see cref="ApiReference"/>, /reference), served in every environment unless <c>OpenApi:Enabled</c> is false. The
/// document is still built for the <c>openapi</c> command then.
/// </summary>
internal static class OpenApiSetup
{
    internal const string DocumentName = "v1";

    internal const string EnabledKey = "OpenApi:Enabled";

    internal const string DocumentPath = "/swagger/v1/swagger.json";

    internal static IServiceCollection AddCrmOpenApi(this IServiceCollection services)
    {
        services.AddEndpointsApiExplorer();
        services.AddSwaggerGen(options =>
        {
            options.SwaggerDoc(DocumentName, new OpenApiInfo
            {
                Title = "M3CoreCRM API",
                Version = "v1",
                Description = "Multi-tenant CRM for real-estate sales teams: leads from portals, contacts, deals through pipelines, "
                    + "activities and the inventory of projects and units. Errors are RFC 9457 problem details with a machine `code`; "
                    + "lists are keyset-paged; single records carry an ETag that writes check with If-Match; POSTs accept an "
                    + "Idempotency-Key. Getting started: docs/integrators.md in the repository.",
                Contact = new OpenApiContact { Name = "M3CoreCRM API team", Email = "api@m3core.example" },
                License = new OpenApiLicense { Name = "Proprietary: for customers of M3CoreCRM and their integrators", Url = new Uri("https://m3core.example/api-terms") },
            });
            // The host that serves the document: "/" keeps Swagger UI, the reference and generated clients on the origin they were loaded from.
            options.AddServer(new OpenApiServer { Url = "/", Description = "This host (e.g. http://localhost:5080 from ./run.sh)" });
            options.AddSecurityDefinition(OpenApiSecurity.BearerScheme, new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "JWT",
                Description = "An access token from POST /api/v1/auth/login, or an API key (m3k_...).",
            });
            options.AddSecurityDefinition(OpenApiSecurity.ApiKeyScheme, new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Header,
                Name = "X-Api-Key",
                Description = "An API key from POST /api/v1/api-keys (the same key also works as a bearer token).",
            });
            options.OperationFilter<OpenApiSecurity>();
            options.OperationFilter<IdempotencyKeyFilter>();
            options.OperationFilter<ETagFilter>();
            options.OperationFilter<ValidationProblemFilter>();
            options.OperationFilter<MergePatchBodyFilter>();
            options.OperationFilter<OperationDescriptionFilter>(); // after the filters whose headers and responses it describes
            options.DocumentFilter<ResponsePropertiesRequiredFilter>();
            options.DocumentFilter<ReferenceWrapperFilter>();
            options.DocumentFilter<TagDescriptionsFilter>();
            options.SchemaFilter<ProblemSchemaFilter>();
            options.SchemaFilter<ExampleSchemaFilter>();
            // Money and percentages are decimals: "decimal" tells generators (NSwag, Kiota) not to make them doubles.
            options.MapType<decimal>(() => new OpenApiSchema { Type = JsonSchemaType.Number, Format = "decimal" });
            options.SupportNonNullableReferenceTypes();
            // A nullable property of a record type (e.g. a lead's budget) must say "nullable": OpenAPI 3.0 ignores
            // siblings of a bare $ref, so the reference goes in an allOf that can carry it; generated clients then
            // accept the null the API sends.
            options.UseAllOfToExtendReferenceSchemas();
            options.CustomSchemaIds(SchemaId);
        });
        services.AddSingleton<IHostCommand, OpenApiCommand>();
        services.ConfigureHttpJsonOptions(o => CrmJson.Configure(o.SerializerOptions));
        services.Configure<Microsoft.AspNetCore.Mvc.JsonOptions>(o => CrmJson.Configure(o.JsonSerializerOptions));
        return services;
    }

    internal static WebApplication UseCrmOpenApi(this WebApplication app)
    {
        if (!app.Configuration.GetValue(EnabledKey, defaultValue: true))
        {
            return app;
        }

        app.UseSwagger();
        app.UseSwaggerUI(options =>
        {
            options.SwaggerEndpoint(DocumentPath, "M3CoreCRM API v1");
            options.RoutePrefix = "swagger";
            if (app.Environment.IsDevelopment())
            {
                // Keeps the token in the browser's local storage across reloads: convenient locally, a stolen token elsewhere.
                options.EnablePersistAuthorization();
            }

            options.DisplayOperationId();
        });
        app.MapCrmApiReference();
        return app;
    }

    /// <summary>Nested request/response records get readable, unique schema names (e.g. CreateLeadRequest).</summary>
    private static string SchemaId(Type type)
    {
        var name = type.IsGenericType
            ? type.Name[..type.Name.IndexOf('`', StringComparison.Ordinal)] + "Of" + string.Concat(type.GetGenericArguments().Select(SchemaId))
            : type.Name;
        return type.DeclaringType is { } outer && !type.IsGenericType ? outer.Name + name : name;
    }

    /// <summary>
    /// A merge-patch endpoint binds the raw patch (a JsonElement, documented as "anything"); its
    /// <c>.Accepts&lt;TEdit&gt;(MergePatch.MediaType)</c> names the editable record, which becomes the documented body.
    /// </summary>
    private sealed class MergePatchBodyFilter : IOperationFilter
    {
        public void Apply(OpenApiOperation operation, OperationFilterContext context)
        {
            var accepts = context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<IAcceptsMetadata>()
                .LastOrDefault(a => a.RequestType is { } type && type != typeof(JsonElement) && a.ContentTypes.Contains(MergePatch.MediaType));
            if (accepts is null || operation.RequestBody?.Content is not { Count: > 0 } content)
            {
                return;
            }

            var schema = context.SchemaGenerator.GenerateSchema(accepts.RequestType!, context.SchemaRepository);
            foreach (var mediaType in content.Keys.ToList())
            {
                content[mediaType] = new OpenApiMediaType { Schema = schema };
            }
        }
    }
}
