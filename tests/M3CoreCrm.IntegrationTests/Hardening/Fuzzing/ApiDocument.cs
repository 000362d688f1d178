using System.Text.Json;

namespace M3CoreCrm.IntegrationTests.Hardening.Fuzzing;

/// <summary>
/// The app's own OpenAPI document (Swashbuckle, /swagger/v1/swagger.json) read as plain JSON: every operation with
/// its parameters and request body schema, references resolved against components/schemas.
/// </summary>
internal sealed class ApiDocument
{
    private const string SchemaPrefix = "#/components/schemas/";
    private static readonly string[] Methods = ["get", "post", "put", "patch", "delete"];
    private readonly JsonElement _schemas;

    private ApiDocument(JsonDocument document, IReadOnlyList<ApiOperation> operations)
    {
        _schemas = document.RootElement.GetProperty("components").GetProperty("schemas");
        Operations = operations;
    }

    internal IReadOnlyList<ApiOperation> Operations { get; }

    internal static async Task<ApiDocument> LoadAsync(HttpClient client)
    {
        var text = await client.GetStringAsync(new Uri("/swagger/v1/swagger.json", UriKind.Relative));
        var document = JsonDocument.Parse(text);
        var operations = new List<ApiOperation>();
        var schemas = document.RootElement.GetProperty("components").GetProperty("schemas");
        foreach (var path in document.RootElement.GetProperty("paths").EnumerateObject())
        {
            foreach (var method in Methods)
            {
                if (path.Value.TryGetProperty(method, out var operation))
                {
                    operations.Add(Read(path.Name, method.ToUpperInvariant(), operation, schemas));
                }
            }
        }

        return new ApiDocument(document, operations);
    }

    /// <summary>The schema itself, or the component it references.</summary>
    internal JsonElement Resolve(JsonElement schema) => Resolve(schema, _schemas);

    private static JsonElement Resolve(JsonElement schema, JsonElement schemas)
    {
        while (schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("$ref", out var reference))
        {
            schema = schemas.GetProperty(reference.GetString()![SchemaPrefix.Length..]);
        }

        return schema;
    }

    private static ApiOperation Read(string path, string method, JsonElement operation, JsonElement schemas)
    {
        var parameters = operation.TryGetProperty("parameters", out var list)
            ? list.EnumerateArray().Select(p => new ApiParameter(
                p.GetProperty("name").GetString()!,
                p.GetProperty("in").GetString()!,
                p.TryGetProperty("schema", out var s) ? Resolve(s, schemas) : default)).ToList()
            : [];
        var mediaTypes = new List<string>();
        JsonElement? bodySchema = null;
        var bodyRequired = false;
        if (operation.TryGetProperty("requestBody", out var body))
        {
            bodyRequired = body.TryGetProperty("required", out var required) && required.GetBoolean();
            foreach (var content in body.GetProperty("content").EnumerateObject())
            {
                mediaTypes.Add(content.Name);
                bodySchema ??= content.Value.TryGetProperty("schema", out var schema) ? Resolve(schema, schemas) : null;
            }
        }

        var statuses = operation.GetProperty("responses").EnumerateObject().Select(r => int.Parse(r.Name, System.Globalization.CultureInfo.InvariantCulture)).ToHashSet();
        return new ApiOperation(
            operation.GetProperty("operationId").GetString()!,
            method,
            path,
            parameters,
            mediaTypes,
            bodySchema,
            bodyRequired,
            operation.TryGetProperty("security", out _),
            statuses);
    }
}
