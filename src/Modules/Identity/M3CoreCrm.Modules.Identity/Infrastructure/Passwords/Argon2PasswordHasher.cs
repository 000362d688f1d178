using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using NSec.Cryptography;
using SodiumArgon2Parameters = NSec.Cryptography.Argon2Parameters;

namespace M3CoreCrm.Modules.Identity.Infrastructure.Passwords;

/// <summary>
/// Argon2id at (at least) OWASP's m=19456 KiB, t=2, p=1 with a 16-byte salt, stored as a PHC string so the
/// parameters can rise later: a hash made with weaker ones reports <see cref="PasswordCheck.NeedsRehash"/>.
/// Computed by libsodium (through NSec) on the calling thread: a third of the managed implementation's CPU, no
/// 19 MiB array on the large object heap per hash, and a caller that can lower its own thread's priority.
/// </summary>
internal sealed class Argon2PasswordHasher(Argon2Parameters parameters)
{
    private const int SaltBytes = 16;
    private const int HashBytes = 32;
    private const int MinMemoryKib = 8;
    private const int MaxMemoryKib = 1 << 20;
    private const int MaxIterations = 64;

    public string Hash(string password)
    {
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        var hash = Compute(password, salt, parameters);
        return $"$argon2id$v=19$m={parameters.MemoryKib},t={parameters.Iterations},p=1${Base64(salt)}${Base64(hash)}";
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

        return used.MemoryKib < parameters.MemoryKib || used.Iterations < parameters.Iterations
            ? PasswordCheck.NeedsRehash
            : PasswordCheck.Succeeded;
    }

    private static byte[] Compute(string password, byte[] salt, Argon2Parameters p)
    {
        var argon2 = PasswordBasedKeyDerivationAlgorithm.Argon2id(
            new SodiumArgon2Parameters { DegreeOfParallelism = 1, MemorySize = p.MemoryKib, NumberOfPasses = p.Iterations });
        // The UTF-8 bytes, not NSec's string overload: that one derives a different key than the reference
        // implementation (and every hash stored so far) for the same password.
        var bytes = Encoding.UTF8.GetBytes(password);
        try
        {
            return argon2.DeriveBytes(bytes, salt, HashBytes);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
        }
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
        // libsodium computes one lane only; the bounds keep a corrupt row from asking for gigabytes.
        if (!values.TryGetValue("m", out var m) || !values.TryGetValue("t", out var t) || !values.TryGetValue("p", out var p)
            || m is < MinMemoryKib or > MaxMemoryKib || t is < 1 or > MaxIterations || p != 1)
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

        parameters = new Argon2Parameters(m, t);
        return salt.Length == SaltBytes && hash.Length == HashBytes;
    }

    private static string Base64(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=');

    private static string Pad(string text) => text.PadRight(text.Length + ((4 - (text.Length % 4)) % 4), '=');
}

/// <summary>Argon2id cost parameters (one lane); the defaults are OWASP's minimum recommendation.</summary>
internal sealed record Argon2Parameters(int MemoryKib = 19456, int Iterations = 2);

internal enum PasswordCheck
{
    Failed,
    Succeeded,
    NeedsRehash,
}
