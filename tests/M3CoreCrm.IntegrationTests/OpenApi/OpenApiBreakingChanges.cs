using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace M3CoreCrm.IntegrationTests.OpenApi;

/// <summary>
/// The changes between two versions of the OpenAPI document that break a client written against the older one: a
/// removed operation or schema, a removed property, a property or parameter that became required, and a narrowed type
/// (another type, integer for number, fewer enum values, a new format). Each break is one line, e.g.
/// <c>removed operation DELETE /api/v1/deals/{id}</c>; docs/api-changelog.md allows it by quoting that line in backticks.
/// </summary>
internal static partial class OpenApiBreakingChanges
{
    private static readonly string[] Methods = ["get", "put", "post", "delete", "patch", "head", "options"];

    internal static IReadOnlyList<string> Find(JsonNode before, JsonNode after)
    {
        var breaks = new List<string>();
        var afterPaths = after["paths"]?.AsObject();
        foreach (var (path, operations) in before["paths"]?.AsObject() ?? [])
        {
            foreach (var method in Methods.Where(m => operations?[m] is not null))
            {
                var name = $"{method.ToUpperInvariant()} {path}";
                if (afterPaths?[path]?[method] is not { } operation)
                {
                    breaks.Add($"removed operation {name}");
                    continue;
                }

                var had = Parameters(operations![method]!);
                foreach (var (key, parameter) in Parameters(operation))
                {
                    if ((bool?)parameter["required"] == true && (!had.TryGetValue(key, out var old) || (bool?)old["required"] != true))
                    {
                        breaks.Add($"newly required parameter {name} {key}");
                    }
                }
            }
        }

        var afterSchemas = after["components"]?["schemas"]?.AsObject();
        var sent = SentSchemas(after);
        foreach (var (id, schema) in before["components"]?["schemas"]?.AsObject() ?? [])
        {
            if (afterSchemas?[id] is not { } now)
            {
                breaks.Add($"removed schema {id}");
                continue;
            }

            CompareSchema(id, schema!, now, sent.Contains(id), breaks);
        }

        return breaks;
    }

    /// <summary>The breaks that docs/api-changelog.md does not record (each recorded break is quoted in backticks).</summary>
    internal static IReadOnlyList<string> Unrecorded(IEnumerable<string> breaks, string changelog)
    {
        var recorded = Quoted().Matches(changelog).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
        return breaks.Where(b => !recorded.Contains(b)).ToList();
    }

    private static void CompareSchema(string id, JsonNode before, JsonNode after, bool sentByClients, List<string> breaks)
    {
        CompareType(id, before, after, breaks);
        var afterProperties = after["properties"]?.AsObject();
        foreach (var (name, property) in before["properties"]?.AsObject() ?? [])
        {
            if (afterProperties?[name] is not { } now)
            {
                breaks.Add($"removed property {id}.{name}");
                continue;
            }

            CompareType($"{id}.{name}", property!, now, breaks);
        }

        // A response schema that gains a required property gives clients more, not less.
        if (!sentByClients)
        {
            return;
        }

        var wasRequired = Strings(before["required"]);
        foreach (var name in Strings(after["required"]).Except(wasRequired))
        {
            breaks.Add($"newly required property {id}.{name}");
        }
    }

    private static void CompareType(string name, JsonNode before, JsonNode after, List<string> breaks)
    {
        var (typeBefore, typeAfter) = ((string?)before["type"], (string?)after["type"]);
        // No type after is any type (wider); integer to number widens too.
        if (typeBefore is not null && typeAfter is not null && typeBefore != typeAfter && !(typeBefore == "integer" && typeAfter == "number"))
        {
            breaks.Add($"narrowed type {name}: {typeBefore} -> {typeAfter}");
        }

        var (formatBefore, formatAfter) = ((string?)before["format"], (string?)after["format"]);
        if (formatAfter is not null && formatBefore != formatAfter)
        {
            breaks.Add($"narrowed format {name}: {formatBefore ?? "(none)"} -> {formatAfter}");
        }

        if (after["enum"] is JsonArray enumAfter)
        {
            var allowed = enumAfter.Select(v => v?.ToJsonString()).ToHashSet(StringComparer.Ordinal);
            var removed = before["enum"] is JsonArray enumBefore
                ? enumBefore.Select(v => v?.ToJsonString()).Where(v => !allowed.Contains(v)).ToList()
                : ["(any value)"];
            if (removed.Count > 0)
            {
                breaks.Add($"narrowed enum {name}: no longer {string.Join(", ", removed)}");
            }
        }

        var (refBefore, refAfter) = (Reference(before), Reference(after));
        if (refBefore is not null && refAfter is not null && refBefore != refAfter)
        {
            breaks.Add($"narrowed type {name}: {refBefore} -> {refAfter}");
        }
    }

    /// <summary>The component schemas a client sends: those reachable from request bodies and parameters.</summary>
    private static HashSet<string> SentSchemas(JsonNode document)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        var schemas = document["components"]?["schemas"];
        var pending = new Stack<JsonNode>();
        foreach (var operation in (document["paths"]?.AsObject() ?? []).SelectMany(p => Methods.Select(m => p.Value?[m]).OfType<JsonNode>()))
        {
            foreach (var media in operation["requestBody"]?["content"]?.AsObject() ?? [])
            {
                if (media.Value?["schema"] is { } body)
                {
                    pending.Push(body);
                }
            }

            foreach (var parameter in (operation["parameters"]?.AsArray() ?? []).OfType<JsonNode>())
            {
                if (parameter["schema"] is { } schema)
                {
                    pending.Push(schema);
                }
            }
        }

        while (pending.TryPop(out var node))
        {
            switch (node)
            {
                case JsonObject item when (string?)item["$ref"] is { } reference:
                    var id = reference[(reference.LastIndexOf('/') + 1)..];
                    if (found.Add(id) && schemas?[id] is { } target)
                    {
                        pending.Push(target);
                    }

                    break;
                case JsonObject item:
                    foreach (var child in item.Select(p => p.Value).OfType<JsonNode>())
                    {
                        pending.Push(child);
                    }

                    break;
                case JsonArray items:
                    foreach (var child in items.OfType<JsonNode>())
                    {
                        pending.Push(child);
                    }

                    break;
            }
        }

        return found;
    }

    /// <summary>The schema a property refers to, bare or through a one-schema allOf.</summary>
    private static string? Reference(JsonNode schema) =>
        (string?)schema["$ref"] ?? (schema["allOf"] is JsonArray { Count: 1 } allOf ? (string?)allOf[0]?["$ref"] : null);

    private static Dictionary<string, JsonNode> Parameters(JsonNode operation) =>
        (operation["parameters"]?.AsArray() ?? []).OfType<JsonNode>()
            .GroupBy(p => $"{(string?)p["in"]}:{(string?)p["name"]}")
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);

    private static HashSet<string> Strings(JsonNode? array) =>
        (array?.AsArray() ?? []).Select(v => (string?)v).OfType<string>().ToHashSet(StringComparer.Ordinal);

    [GeneratedRegex("`([^`\n]+)`")]
    private static partial Regex Quoted();
}
