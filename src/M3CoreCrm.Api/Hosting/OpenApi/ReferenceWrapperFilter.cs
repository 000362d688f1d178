using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace M3CoreCrm.Api.Hosting.OpenApi;

/// <summary>
/// Tidies the <c>allOf</c> wrappers that <c>UseAllOfToExtendReferenceSchemas</c> puts around every reference (OpenAPI
/// 3.0 ignores siblings of a bare <c>$ref</c>, so a nullable reference needs the wrapper to say so): a wrapper that
/// carries nothing becomes the bare reference; generated clients type it as before. A nullable wrapper stays as it is,
/// without a <c>type</c>: with one, NSwag makes a subclass per property (or a string for an enum), see redocly.yaml.
/// </summary>
internal sealed class ReferenceWrapperFilter : IDocumentFilter
{
    public void Apply(OpenApiDocument swaggerDoc, DocumentFilterContext context)
    {
        var components = swaggerDoc.Components?.Schemas ?? new Dictionary<string, IOpenApiSchema>();
        foreach (var schema in components.Values)
        {
            Tidy(schema, components);
        }

        foreach (var operation in (swaggerDoc.Paths ?? []).Values.SelectMany(path => path.Operations?.Values.AsEnumerable() ?? []))
        {
            foreach (var parameter in (operation.Parameters ?? []).OfType<OpenApiParameter>())
            {
                parameter.Schema = Tidy(parameter.Schema, components);
            }

            TidyContent(operation.RequestBody?.Content, components);
            foreach (var response in (operation.Responses ?? []).Values)
            {
                TidyContent(response.Content, components);
            }
        }
    }

    private static void TidyContent(IDictionary<string, IOpenApiMediaType>? content, IDictionary<string, IOpenApiSchema> components)
    {
        foreach (var media in (content ?? new Dictionary<string, IOpenApiMediaType>()).Values.OfType<OpenApiMediaType>())
        {
            media.Schema = Tidy(media.Schema, components);
        }
    }

    private static IOpenApiSchema? Tidy(IOpenApiSchema? schema, IDictionary<string, IOpenApiSchema> components)
    {
        if (schema is not OpenApiSchema inline)
        {
            return schema;
        }

        if (inline.Properties is { Count: > 0 } properties)
        {
            foreach (var name in properties.Keys.ToList())
            {
                properties[name] = Tidy(properties[name], components)!;
            }
        }

        inline.Items = Tidy(inline.Items, components);
        inline.AdditionalProperties = Tidy(inline.AdditionalProperties, components);
        if (inline.AllOf is not [OpenApiSchemaReference reference] || (inline.Properties?.Count ?? 0) > 0)
        {
            return inline;
        }

        if (inline.Type is null && CarriesNothing(inline))
        {
            return reference;
        }

        return inline;
    }

#pragma warning disable CS0618 // OpenAPI 3.0's single `example`, obsolete in Microsoft.OpenApi for 3.1's list
    private static bool CarriesNothing(OpenApiSchema schema) =>
        schema.Description is null && schema.Default is null && schema.Example is null && schema.Enum is not { Count: > 0 }
        && !schema.ReadOnly && !schema.WriteOnly && !schema.Deprecated && schema.Title is null;
#pragma warning restore CS0618
}
