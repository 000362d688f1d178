using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace M3CoreCrm.Api.Hosting.OpenApi;

/// <summary>
/// The API writes every property of a success body, nulls included (<c>CrmJson</c>: never ignored), so the schemas
/// that only success bodies use list all their properties as <c>required</c>: generated clients then type them as
/// always present (nullable where the value may be null) instead of optional. Schemas that a request also uses are
/// left alone (a merge patch or a create may omit their properties), and so are those of error bodies (a problem
/// omits empty members).
/// </summary>
internal sealed class ResponsePropertiesRequiredFilter : IDocumentFilter
{
    public void Apply(OpenApiDocument swaggerDoc, DocumentFilterContext context)
    {
        if (swaggerDoc.Components?.Schemas is not { Count: > 0 } components)
        {
            return;
        }

        var operations = (swaggerDoc.Paths ?? []).Values.SelectMany(path => path.Operations?.Values.AsEnumerable() ?? []).ToList();
        var successBodies = operations.SelectMany(o => o.Responses ?? []).Where(r => r.Key.StartsWith('2')).SelectMany(r => BodySchemas(r.Value.Content));
        var otherUses = operations.SelectMany(o => BodySchemas(o.RequestBody?.Content)
            .Concat((o.Parameters ?? []).Select(p => p.Schema))
            .Concat((o.Responses ?? []).Where(r => !r.Key.StartsWith('2')).SelectMany(r => BodySchemas(r.Value.Content))));

        var onlyInSuccesses = Reachable(successBodies, components);
        onlyInSuccesses.ExceptWith(Reachable(otherUses, components));
        foreach (var id in onlyInSuccesses)
        {
            if (components[id] is OpenApiSchema { Properties.Count: > 0 } schema)
            {
                schema.Required = new SortedSet<string>(schema.Properties.Keys, StringComparer.Ordinal);
            }
        }
    }

    private static IEnumerable<IOpenApiSchema?> BodySchemas(IDictionary<string, IOpenApiMediaType>? content) =>
        (content ?? new Dictionary<string, IOpenApiMediaType>()).Values.Select(media => media.Schema);

    /// <summary>The ids of the component schemas that <paramref name="roots"/> refer to, directly or through others.</summary>
    private static HashSet<string> Reachable(IEnumerable<IOpenApiSchema?> roots, IDictionary<string, IOpenApiSchema> components)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<IOpenApiSchema>(roots.OfType<IOpenApiSchema>());
        while (pending.TryPop(out var schema))
        {
            if (schema is OpenApiSchemaReference reference)
            {
                if (reference.Reference.Id is { } id && found.Add(id) && components.TryGetValue(id, out var target))
                {
                    pending.Push(target);
                }

                continue;
            }

            foreach (var child in Children(schema))
            {
                pending.Push(child);
            }
        }

        return found;
    }

    private static IEnumerable<IOpenApiSchema> Children(IOpenApiSchema schema) =>
        (schema.Properties?.Values ?? [])
            .Concat(schema.AllOf ?? []).Concat(schema.AnyOf ?? []).Concat(schema.OneOf ?? [])
            .Append(schema.Items).Append(schema.AdditionalProperties).Append(schema.Not)
            .OfType<IOpenApiSchema>();
}
