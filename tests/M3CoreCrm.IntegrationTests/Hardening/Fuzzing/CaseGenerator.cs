using System.Text;
using CsCheck;

namespace M3CoreCrm.IntegrationTests.Hardening.Fuzzing;

/// <summary>
/// Cases for one operation of the document. <see cref="Rejected"/> cases carry at least one defect the API must
/// refuse whatever else the request holds (no or a forged credential, an id the tenant does not own, a body that
/// does not fit, a wrong media type, a stale If-Match); reads are explored freely. <see cref="Boundary"/> cases are
/// well-typed requests with boundary and hostile contents, which may succeed.
/// </summary>
internal sealed class CaseGenerator(JsonBodies bodies)
{
    internal const string JsonMediaType = "application/json";

    private static readonly string[] ForgedAuthorizations =
    [
        "Bearer garbage", "Bearer {{token:tampered}}", "Bearer {{token:unsigned}}", "Bearer {{token:other-tenant-unsigned}}",
        "Basic dXNlcjpwYXNz", "Bearer ", "Bearer m3k_notakey", "{{token:owner}}", "Bearer a.b.c", "Bearer eyJhbGciOiJub25lIn0.e30.",
    ];

    private static readonly string[] WrongMediaTypes =
    [
        "text/plain", "application/xml", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "image/png", "application/jsonx",
    ];

    private static readonly string[] StaleETags = ["\"0\"", "W/\"0\"", "\"abc\"", "W/\"999999999999\"", "\"", "garbage", "\"1\", \"2\"", "W/", "\"-1\"", "\"\u00e9\""];

    private static readonly string[] Sorts = ["name", "-name", "createdAt", "-createdAt", "unknown", "id;drop table x", "createdAt,-createdAt", "-", ",", "updatedAt", "--createdAt", "NAME"];

    private static readonly string[] Cursors = ["", "abc", "=", "eyJpZCI6IjEifQ", "eyJ9", "v1.abc.def", "AAAAAAAAAAAAAAAAAAAAAAAA", "%%%", "null", "e30=", "e30"];

    private readonly JsonBodies _bodies = bodies;

    /// <summary>A case for the phase in which nothing may be written: mutations carry a defect, reads are explored.</summary>
    internal FuzzCase Rejected(Draw draw, ApiOperation operation)
    {
        if (operation.IsRead)
        {
            return Build(draw, operation, ExploringCaller(draw), defect: null, mustReject: false, hostility: 60);
        }

        var defect = draw.OneOf(DefectsOf(operation));
        var caller = defect is "no credential" or "forged credential" || operation.IsAnonymousAuth || operation.IsPlatform
            ? Caller.Anonymous
            : draw.Chance(60) ? Caller.Owner : Caller.Agent;
        return Build(draw, operation, caller, defect, mustReject: true, hostility: 60);
    }

    /// <summary>A well-typed case with boundary contents as the owner or an agent (sometimes nobody); it may succeed.</summary>
    internal FuzzCase Boundary(Draw draw, ApiOperation operation)
    {
        var caller = draw.Below(100) switch
        {
            < 60 => Caller.Owner,
            < 95 => Caller.Agent,
            _ => Caller.Anonymous,
        };
        return Build(draw, operation, caller, defect: null, mustReject: false, hostility: draw.Chance(50) ? 15 : 70);
    }

    private static List<string> DefectsOf(ApiOperation operation)
    {
        var defects = new List<string>();
        if (operation.Secured)
        {
            defects.AddRange(["no credential", "forged credential"]);
        }

        if (operation.IsPlatform)
        {
            defects.Add("no platform key");
        }

        if (operation.PathParameters.Any())
        {
            defects.AddRange(["foreign id", "malformed id"]);
        }

        if (operation.HasBody)
        {
            defects.Add("wrong media type");
            if (operation.BodySchema is { } schema && schema.TryGetProperty("properties", out _))
            {
                defects.AddRange(["bad body", "bad body"]);
            }
        }

        if (operation.HonoursIfMatch)
        {
            defects.Add("stale If-Match");
        }

        return defects;
    }

    private static string ExploringCaller(Draw draw) => draw.Below(100) switch
    {
        < 40 => Caller.Owner,
        < 75 => Caller.Agent,
        < 85 => Caller.Anonymous,
        _ => "forged",
    };

    private FuzzCase Build(Draw draw, ApiOperation operation, string caller, string? defect, bool mustReject, int hostility)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (caller == "forged" || defect == "forged credential")
        {
            caller = Caller.Anonymous;
            defect ??= "forged credential";
            headers[draw.Chance(85) ? "Authorization" : "X-Api-Key"] = draw.Chance(85) ? draw.OneOf(ForgedAuthorizations) : HeaderText(draw);
        }

        var url = Url(draw, operation, defect);
        var (contentType, body) = Body(draw, operation, hostility, ref defect);
        Headers(draw, operation, headers, defect);
        return new FuzzCase(operation.Id, caller, operation.Method, url, headers, contentType, body, mustReject, defect ?? "none");
    }

    private static string Url(Draw draw, ApiOperation operation, string? defect)
    {
        var parameters = operation.PathParameters.ToList();
        var spoiled = parameters.Count == 0 ? null : parameters[draw.Below(parameters.Count)].Name;
        var segments = operation.Path.Split('/');
        for (var i = 0; i < segments.Length; i++)
        {
            if (!segments[i].StartsWith('{'))
            {
                continue;
            }

            var name = segments[i][1..^1];
            var kind = name == "entityType" ? null : IdPool.KindOf(name, i > 0 ? segments[i - 1] : null) ?? (name == "id" ? draw.OneOf(["leads", "contacts", "companies"]) : null);
            segments[i] = name switch
            {
                "entityType" => draw.Chance(80) ? draw.OneOf(["lead", "contact", "company", "leads", "deal", "Lead"]) : PathSegment(draw.From(Nasty.String)),
                _ when name == spoiled && defect == "foreign id" => IdPool.Foreign(draw, kind),
                _ when name == spoiled && defect == "malformed id" => NonGuid(draw),
                _ => IdPool.Any(draw, kind),
            };
        }

        var path = string.Join('/', segments);
        var query = new StringBuilder();
        foreach (var parameter in operation.QueryParameters)
        {
            if (draw.Chance(40))
            {
                foreach (var value in QueryValues(draw, parameter))
                {
                    query.Append(query.Length == 0 ? '?' : '&').Append(Uri.EscapeDataString(parameter.Name)).Append('=').Append(value);
                }
            }
        }

        if (draw.Chance(10))
        {
            query.Append(query.Length == 0 ? '?' : '&').Append(draw.OneOf(["tenantId={{B:tenants:0}}", "tenant=x", "%00=1", "a[b]=c", "limit=1&limit=2", "__proto__=1"]));
        }

        return path + query;
    }

    private static IEnumerable<string> QueryValues(Draw draw, ApiParameter parameter)
    {
        var count = draw.Chance(10) ? 2 + draw.Below(3) : 1;
        for (var i = 0; i < count; i++)
        {
            yield return QueryValue(draw, parameter);
        }
    }

    private static string QueryValue(Draw draw, ApiParameter parameter)
    {
        if (draw.Chance(25))
        {
            return Escape(draw.From(Nasty.String));
        }

        var schema = parameter.Schema;
        var format = schema.ValueKind == System.Text.Json.JsonValueKind.Object && schema.TryGetProperty("format", out var f) ? f.GetString() : null;
        var type = schema.ValueKind == System.Text.Json.JsonValueKind.Object && schema.TryGetProperty("type", out var t) ? t.GetString() : null;
        return parameter.Name.ToUpperInvariant() switch
        {
            "CURSOR" => Escape(draw.Chance(70) ? draw.OneOf(Cursors) : Convert.ToBase64String(Encoding.UTF8.GetBytes(draw.From(Nasty.String)))),
            "SORT" => Escape(draw.OneOf(Sorts)),
            "LIMIT" => draw.OneOf(["-1", "0", "1", "2", "100", "101", "1000000", "2147483648", "1.5", "abc", ""]),
            _ when format == "uuid" => IdPool.Any(draw, IdPool.KindOf(parameter.Name)),
            _ when format is "date-time" or "date" => Escape(draw.OneOf(["0001-01-01", "9999-12-31T23:59:59Z", "2026-06-15", "2026-06-15T10:00:00+14:00", "2024-02-30", "yesterday", "1e9"])),
            _ when schema.ValueKind == System.Text.Json.JsonValueKind.Object && schema.TryGetProperty("enum", out var values) =>
                Escape(values[draw.Below(values.GetArrayLength())].GetString()!),
            _ when type is "integer" or "number" => Escape(draw.From(Nasty.Number)),
            _ when type == "boolean" => draw.OneOf(["true", "false", "1", "yes", "TRUE", ""]),
            _ => Escape(draw.Chance(50) ? draw.OneOf(["a", "Alpha", "vip", "x@y.z", "+971"]) : draw.From(Nasty.String)),
        };
    }

    private (string? ContentType, string? Body) Body(Draw draw, ApiOperation operation, int hostility, ref string? defect)
    {
        if (!operation.HasBody)
        {
            return draw.Chance(5) ? (JsonMediaType, "{\"unexpected\":true}") : (null, null);
        }

        var documented = draw.OneOf(operation.BodyMediaTypes);
        if (operation.BodySchema is not { } schema || !schema.TryGetProperty("properties", out _))
        {
            var csv = Csv(draw);
            return defect == "wrong media type" ? (draw.OneOf([JsonMediaType, .. WrongMediaTypes]), csv) : (documented, csv);
        }

        if (defect == "bad body")
        {
            var (invalid, what) = _bodies.Invalid(draw, schema, operation.BodyRequired);
            defect = $"bad body: {what}";
            return (documented, invalid);
        }

        var body = draw.Chance(3) ? string.Empty : _bodies.Valid(draw, schema, hostility);
        if (defect == "wrong media type")
        {
            return (draw.Chance(15) ? null : draw.OneOf(WrongMediaTypes), body);
        }

        return (documented, body);
    }

    private static string Csv(Draw draw)
    {
        var builder = new StringBuilder(draw.Chance(80) ? "firstName,lastName,email,phone,source\n" : string.Empty);
        var rows = draw.Chance(5) ? draw.Below(3_000) : draw.Below(5);
        for (var i = 0; i < rows; i++)
        {
            builder.Append(string.Join(',', Enumerable.Range(0, 1 + draw.Below(6)).Select(_ => draw.Chance(50) ? Quoted(draw.From(Nasty.String)) : draw.OneOf(["Ann", "x@y.z", "+971501234567", "website", "\"", "=1+1", ""]))));
            builder.Append(draw.Chance(90) ? "\n" : "\r\n");
        }

        return builder.ToString();

        static string Quoted(string value) => "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }

    private static void Headers(Draw draw, ApiOperation operation, Dictionary<string, string> headers, string? defect)
    {
        if (defect == "stale If-Match")
        {
            headers["If-Match"] = draw.OneOf(StaleETags);
        }
        else if (operation.HonoursIfMatch && draw.Chance(30))
        {
            headers["If-Match"] = draw.Chance(50) ? draw.OneOf(StaleETags) : draw.Chance(50) ? "*" : HeaderText(draw);
        }

        if (operation.Method == "POST" && draw.Chance(30))
        {
            headers["Idempotency-Key"] = draw.Below(4) switch
            {
                0 => new string('k', 256 + draw.Below(2_000)),
                1 => "key\u0001" + draw.Below(1_000),
                2 => HeaderText(draw),
                _ => "fuzz-" + draw.Guid().ToString("N"),
            };
        }

        if (draw.Chance(10))
        {
            headers["X-Correlation-Id"] = HeaderText(draw);
        }

        if (operation.IsPlatform && draw.Chance(70))
        {
            headers["X-Platform-Key"] = draw.Chance(50) ? string.Empty : HeaderText(draw);
        }

        if (draw.Chance(5))
        {
            headers[draw.OneOf(["X-Tenant-Id", "X-Forwarded-For", "X-Forwarded-Host", "Accept", "Accept-Language", "If-None-Match"])] = draw.Chance(50) ? "{{B:tenants:0}}" : HeaderText(draw);
        }
    }

    /// <summary>A hostile header value that an HTTP client can still put on the wire (no CR, LF or NUL).</summary>
    private static string HeaderText(Draw draw)
    {
        var text = draw.From(Nasty.String);
        text = new string(text.Where(c => c is not ('\r' or '\n' or '\0') && !char.IsSurrogate(c)).Take(8_000).ToArray());
        return text.Trim();
    }

    private static string NonGuid(Draw draw)
    {
        var text = draw.Chance(50) ? draw.OneOf(["1", "-1", "abc", "null", "00000000-0000-0000-0000-00000000000g", "%", "' OR 1=1 --", "me", "batch", "export"]) : draw.From(Nasty.String);
        return Guid.TryParse(text, out _) ? "not-a-guid" : PathSegment(text);
    }

    /// <summary>
    /// One escaped path segment. Not empty, "." or ".." (the client would resolve those to another route) and without
    /// NUL, which Kestrel refuses with 400 before the app and the in-memory server cannot even carry.
    /// </summary>
    private static string PathSegment(string text)
    {
        text = text.Replace("\0", string.Empty, StringComparison.Ordinal);
        return text.Trim() is "" or "." or ".." ? "not-a-guid" : Escape(text);
    }

    /// <summary>URL-escaped, lone surrogates replaced (as a UTF-8 client would), and short enough for a request line.</summary>
    internal static string Escape(string text)
    {
        var clean = Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(text.Length > 4_000 ? text[..4_000] : text));
        return Uri.EscapeDataString(clean);
    }
}
