using System.Globalization;
using System.Text;
using System.Text.Json;
using CsCheck;

namespace M3CoreCrm.IntegrationTests.Hardening.Fuzzing;

/// <summary>
/// JSON text from a request schema: values of the documented type with boundary and hostile contents, and the
/// defects that must be refused (a value of the wrong type, an unknown member, malformed JSON, a wrong root).
/// Written as text rather than through a serializer so that numbers no .NET type holds can be sent.
/// </summary>
internal sealed class JsonBodies(ApiDocument document)
{
    private const int MaxDepth = 4;

    internal static readonly string[] Malformed =
    [
        "{", "{\"a\":1", "{\"a\":}", "{'a':1}", "{\"a\":1,}", "[1,2", "nul", "{\"a\":NaN}", "{\"a\":Infinity}", "/* c */{}",
        "{\"a\":\"\\x\"}", "{\"a\":\"unterminated}", "{\"a\" 1}", "}", "\"", "{\"a\":01}", "{\"a\":.5}", "{\"a\":+1}", "{\"a\":1e}",
        "{\"a\":tru}", "\u0000", "{\"a\":\"\u0001\"}",
    ];

    /// <summary>Roots other than an object; the last two ("null" and nothing) only where a body is required.</summary>
    private static readonly string[] WrongRoots = ["[]", "[{}]", "1", "\"text\"", "true", "0.5", "null", ""];

    private static readonly string[] ExtraNames = ["__proto__", "constructor", "tenant_id", "isAdmin", "$type", "unexpected", "x-extra", ""];

    /// <summary>
    /// An object of the schema's shape: some members left out, contents boundary or hostile in
    /// <paramref name="hostility"/> percent of the values, plausible in the rest (so that some requests succeed).
    /// </summary>
    internal string Valid(Draw draw, JsonElement schema, int hostility) => Value(draw, document.Resolve(schema), null, 0, hostility);

    /// <summary>An object of the schema's shape that is certainly refused, and what is wrong with it.</summary>
    internal (string Body, string Defect) Invalid(Draw draw, JsonElement schema, bool required)
    {
        schema = document.Resolve(schema);
        var properties = Properties(schema);
        var typed = properties.Where(p => TypeOf(document.Resolve(p.Value)) is not null).ToList();
        var choice = draw.Below(typed.Count > 0 ? 5 : 4);
        return choice switch
        {
            0 => (WithMember(draw, schema, ExtraName(draw, properties), NonNullScalar(draw)), "unknown member"),
            1 => (draw.OneOf(Malformed), "malformed JSON"),
            2 => (draw.OneOf(required ? WrongRoots : WrongRoots[..^2]), "wrong root"),
            3 => (DeeplyNested(draw), "nesting deeper than the reader's limit"),
            _ => WrongTypedMember(draw, properties, typed[draw.Below(typed.Count)]),
        };
    }

    /// <summary>A JSON value of the schema's type (or null where allowed), with boundary and hostile contents.</summary>
    internal string Value(Draw draw, JsonElement schema, string? name, int depth, int hostility)
    {
        var hostile = draw.Chance(hostility);
        schema = document.Resolve(schema);
        if (schema.ValueKind != JsonValueKind.Object)
        {
            return AnyScalar(draw);
        }

        if (Nullable(schema) && hostile && draw.Chance(20))
        {
            return "null";
        }

        if (schema.TryGetProperty("enum", out var values))
        {
            return !hostile || draw.Chance(70) ? values.EnumerateArray().ElementAt(draw.Below(values.GetArrayLength())).GetRawText() : Quote(draw.From(Nasty.String));
        }

        return TypeOf(schema) switch
        {
            "string" => StringValue(draw, schema, name, hostile),
            "integer" when !hostile => Plausible.Number(draw, name),
            "integer" => draw.Chance(70) ? draw.OneOf(["0", "1", "2", "-1", "7", "24", "100", "101", "1000", "2147483647", "-2147483648"]) : draw.From(Gen.Int).ToString(CultureInfo.InvariantCulture),
            "number" when !hostile => Plausible.Number(draw, name),
            "number" => draw.OneOf(["0", "0.01", "-1", "1", "99.999", "100", "100.5", "1000000", "1e15", "9999999999999.99", "1e300", "-0.0"]),
            "boolean" => draw.Chance(50) ? "true" : "false",
            "array" => Array(draw, schema, name, depth, hostile ? hostility : hostility / 2),
            _ => Object(draw, schema, depth, hostility),
        };
    }

    /// <summary>A value that no member of this schema accepts (never null, which nullable members would take).</summary>
    internal string WrongType(Draw draw, JsonElement schema)
    {
        schema = document.Resolve(schema);
        var type = TypeOf(schema);
        string[] choices = type switch
        {
            "string" when Format(schema) is "uuid" => ["123", "{}", "[]", "\"not-a-guid\"", "\"00000000-0000-0000-0000-00000000000\"", "true"],
            "string" when Format(schema) is "date-time" or "date" => ["123", "{}", "\"yesterday\"", "\"2026-13-45\"", "[]", "false"],
            "string" when schema.TryGetProperty("enum", out _) => ["0", "1", "\"notAMember\"", "{}", "[]", "true"],
            "string" => ["123", "{}", "[\"a\"]", "true", "-1.5"],
            "integer" => ["\"abc\"", "1.5", "9223372036854775808", "true", "{}", "[]", "1e400"],
            "number" => ["\"abc\"", "true", "{}", "[]", "1e400", "\"NaN\""],
            "boolean" => ["\"yes\"", "1", "0", "{}", "[]", "\"true \""],
            "array" => ["\"a\"", "{}", "1", "true"],
            _ => ["\"a\"", "[]", "1", "true"],
        };
        return draw.OneOf(choices);
    }

    private static string StringValue(Draw draw, JsonElement schema, string? name, bool hostile)
    {
        var format = Format(schema);
        if (format == "uuid")
        {
            var kind = name is null ? null : IdPool.KindOf(name) ?? (name == "id" ? "leads" : null);
            return Quote(hostile ? IdPool.Any(draw, kind) : IdPool.Placeholder("A", kind ?? draw.OneOf(IdPool.Kinds), draw.Below(3)));
        }

        if (format is "date-time" or "date")
        {
            string[] dates = format == "date"
                ? ["0001-01-01", "9999-12-31", "2026-06-15", "2000-02-29", "2027-01-01"]
                : ["0001-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "2026-06-15T10:00:00Z", "2026-06-15T10:00:00+14:00", "1970-01-01T00:00:00-12:00", "2030-01-01T00:00:00.1234567Z"];
            return Quote(hostile ? draw.OneOf(dates) : dates[2 + draw.Below(2)]);
        }

        if (!hostile)
        {
            return Quote(Plausible.Text(draw, name));
        }

        return Quote(draw.From(Nasty.String));
    }

    private string Array(Draw draw, JsonElement schema, string? name, int depth, int hostility)
    {
        var items = schema.TryGetProperty("items", out var i) ? i : default;
        var count = draw.Chance(hostility / 20) ? draw.Below(2_000) : hostility > 50 ? draw.Below(4) : 1 + draw.Below(2);
        if (depth >= MaxDepth)
        {
            count = 0;
        }

        var builder = new StringBuilder("[");
        for (var n = 0; n < count; n++)
        {
            builder.Append(n > 0 ? "," : string.Empty).Append(items.ValueKind == JsonValueKind.Object ? Value(draw, items, name, depth + 1, hostility) : AnyScalar(draw));
        }

        return builder.Append(']').ToString();
    }

    private string Object(Draw draw, JsonElement schema, int depth, int hostility)
    {
        var builder = new StringBuilder("{");
        var first = true;
        foreach (var property in Properties(schema))
        {
            if (depth >= MaxDepth || !draw.Chance(hostility > 50 ? 70 : 97))
            {
                continue;
            }

            builder.Append(first ? string.Empty : ",").Append(Quote(property.Name)).Append(':').Append(Value(draw, property.Value, property.Name, depth + 1, hostility));
            first = false;
        }

        return builder.Append('}').ToString();
    }

    private (string, string) WrongTypedMember(Draw draw, List<JsonProperty> properties, JsonProperty target)
    {
        var body = new StringBuilder("{");
        var first = true;
        foreach (var property in properties)
        {
            var value = property.Name == target.Name ? WrongType(draw, property.Value) : draw.Chance(60) ? Value(draw, property.Value, property.Name, 1, 50) : null;
            if (value is not null)
            {
                body.Append(first ? string.Empty : ",").Append(Quote(property.Name)).Append(':').Append(value);
                first = false;
            }
        }

        return (body.Append('}').ToString(), $"wrong type for '{target.Name}'");
    }

    private string WithMember(Draw draw, JsonElement schema, string name, string value)
    {
        var valid = Object(draw, schema, 0, 50);
        var member = Quote(name) + ":" + value;
        return valid == "{}" ? "{" + member + "}" : "{" + member + "," + valid[1..];
    }

    /// <summary>A member name the schema does not have, compared as loosely as the server does (case-insensitive).</summary>
    private static string ExtraName(Draw draw, List<JsonProperty> properties)
    {
        var name = draw.Chance(50) ? draw.OneOf(ExtraNames) : "x" + draw.From(Gen.String.AlphaNumeric);
        return properties.Any(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)) ? name + "_unknown" : name;
    }

    private static string DeeplyNested(Draw draw)
    {
        var depth = 65 + draw.Below(5_000);
        return "{\"a\":" + new string('[', depth) + new string(']', depth) + "}";
    }

    private static string AnyScalar(Draw draw) => draw.Chance(10) ? "null" : NonNullScalar(draw);

    /// <summary>Not null: a merge patch's null for an unknown member would be a no-op, which RFC 7396 allows.</summary>
    private static string NonNullScalar(Draw draw) => draw.Below(3) switch
    {
        0 => Quote(draw.From(Nasty.String)),
        1 => draw.From(Nasty.Number),
        _ => draw.OneOf(["true", "false", "{}", "[]"]),
    };

    private static List<JsonProperty> Properties(JsonElement schema) =>
        schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("properties", out var properties) ? properties.EnumerateObject().ToList() : [];

    private static string? TypeOf(JsonElement schema) => schema.TryGetProperty("type", out var type) ? type.GetString() : null;

    private static string? Format(JsonElement schema) => schema.TryGetProperty("format", out var format) ? format.GetString() : null;

    private static bool Nullable(JsonElement schema) => schema.TryGetProperty("nullable", out var nullable) && nullable.GetBoolean();

    /// <summary>A JSON string literal; lone surrogates are written as \u escapes, exactly as a sloppy client might.</summary>
    internal static string Quote(string text) => JsonSerializer.Serialize(text);
}
