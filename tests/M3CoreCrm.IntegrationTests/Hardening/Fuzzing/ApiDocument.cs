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

    /// <summary>The first property a success body lacks of those its documented schema requires, as a JSON path;
    /// null when the body has them all (or the operation documents no JSON body for that status).</summary>
    internal string? MissingRequired(string operationId, int status, string body)
    {
        var operation = Operations.FirstOrDefault(o => o.Id == operationId);
        if (operation is null || !operation.SuccessBodies.TryGetValue(status, out var schema))
        {
            return null;
        }

        using var json = JsonDocument.Parse(body);
        return MissingRequired(json.RootElement, schema, "$");
    }

    private string? MissingRequired(JsonElement value, JsonElement schema, string path)
    {
        schema = Resolve(schema);
        if (schema.TryGetProperty("allOf", out var allOf))
        {
            foreach (var part in allOf.EnumerateArray())
            {
                if (value.ValueKind != JsonValueKind.Null && MissingRequired(value, part, path) is { } missing)
                {
                    return missing;
                }
            }
        }

        if (value.ValueKind == JsonValueKind.Array && schema.TryGetProperty("items", out var items))
        {
            var index = 0;
            foreach (var item in value.EnumerateArray())
            {
                if (MissingRequired(item, items, $"{path}[{index++}]") is { } missing)
                {
                    return missing;
                }
            }
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        if (schema.TryGetProperty("required", out var required))
        {
            foreach (var name in required.EnumerateArray().Select(r => r.GetString()!))
            {
                if (!value.TryGetProperty(name, out _))
                {
                    return $"{path}.{name}";
                }
            }
        }

        if (schema.TryGetProperty("properties", out var properties))
        {
            foreach (var property in properties.EnumerateObject())
            {
                if (value.TryGetProperty(property.Name, out var member) && MissingRequired(member, property.Value, $"{path}.{property.Name}") is { } missing)
                {
                    return missing;
                }
            }
        }

        return null;
    }

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

        var responses = operation.GetProperty("responses").EnumerateObject()
            .Select(r => (Status: int.Parse(r.Name, System.Globalization.CultureInfo.InvariantCulture), r.Value)).ToList();
        var successBodies = responses
            .Where(r => r.Status is >= 200 and < 300 && r.Value.TryGetProperty("content", out var content) && content.TryGetProperty("application/json", out _))
            .ToDictionary(r => r.Status, r => r.Value.GetProperty("content").GetProperty("application/json").GetProperty("schema"));
        return new ApiOperation(
            operation.GetProperty("operationId").GetString()!,
            method,
            path,
            parameters,
            mediaTypes,
            bodySchema,
            bodyRequired,
            operation.TryGetProperty("security", out _),
            responses.Select(r => r.Status).ToHashSet(),
            successBodies);
    }
}
