using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Konscious.Security.Cryptography;

namespace M3CoreCrm.Modules.Identity.Passwords;

/// <summary>
/// Argon2id at (at least) OWASP's m=19456 KiB, t=2, p=1 with a 16-byte salt, stored as a PHC string so the
/// parameters can rise later: a hash made with weaker ones reports <see cref="PasswordCheck.NeedsRehash"/>.
/// </summary>
internal sealed class Argon2PasswordHasher(Argon2Parameters parameters)
{
    private const int SaltBytes = 16;
    private const int HashBytes = 32;

    public string Hash(string password)
    {
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        var hash = Compute(password, salt, parameters);
        return $"$argon2id$v=19$m={parameters.MemoryKib},t={parameters.Iterations},p={parameters.Parallelism}${Base64(salt)}${Base64(hash)}";
    }

    public PasswordCheck Verify(string password, string phc)
    {
        if (!TryParse(phc, out var used, out var salt, out var expected))
        {
            return PasswordCheck.Failed;
        }

        var actual = Compute(password, salt, used);
        if (!CryptographicOperations.FixedTimeEquals(actual, expected))
        {
            return PasswordCheck.Failed;
        }

        return used.MemoryKib < parameters.MemoryKib || used.Iterations < parameters.Iterations || used.Parallelism < parameters.Parallelism
            ? PasswordCheck.NeedsRehash
            : PasswordCheck.Succeeded;
    }

    private static byte[] Compute(string password, byte[] salt, Argon2Parameters p)
    {
        using var argon2 = new Argon2id(Encoding.UTF8.GetBytes(password))
        {
            Salt = salt,
            MemorySize = p.MemoryKib,
            Iterations = p.Iterations,
            DegreeOfParallelism = p.Parallelism,
        };
        return argon2.GetBytes(HashBytes);
    }

    private static bool TryParse(string phc, out Argon2Parameters parameters, out byte[] salt, out byte[] hash)
    {
        parameters = default!;
        salt = hash = [];
        var parts = phc.Split('$');
        if (parts is not ["", "argon2id", "v=19", var settings, var saltText, var hashText])
        {
            return false;
        }

        var values = settings.Split(',').Select(s => s.Split('=')).Where(kv => kv.Length == 2)
            .ToDictionary(kv => kv[0], kv => int.TryParse(kv[1], NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0);
        if (!values.TryGetValue("m", out var m) || !values.TryGetValue("t", out var t) || !values.TryGetValue("p", out var p) || m <= 0 || t <= 0 || p <= 0)
        {
            return false;
        }

        try
        {
            salt = Convert.FromBase64String(Pad(saltText));
            hash = Convert.FromBase64String(Pad(hashText));
        }
        catch (FormatException)
        {
            return false;
        }

        parameters = new Argon2Parameters(m, t, p);
        return true;
    }

    private static string Base64(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=');

    private static string Pad(string text) => text.PadRight(text.Length + ((4 - (text.Length % 4)) % 4), '=');
}

/// <summary>Argon2id cost parameters; the defaults are OWASP's minimum recommendation.</summary>
internal sealed record Argon2Parameters(int MemoryKib = 19456, int Iterations = 2, int Parallelism = 1);

internal enum PasswordCheck
{
    Failed,
    Succeeded,
    NeedsRehash,
}
