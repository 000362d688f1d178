namespace M3CoreCrm.Modules.Identity.Infrastructure.Passwords;

/// <summary>
/// The blocklist: the most common passwords of the zxcvbn-ts frequency list (common-passwords.txt, embedded; its
/// first line names the source and licence) plus a few the list lacks that meet the length rule. Loaded once, on
/// first use; compared case-insensitively.
/// </summary>
internal static class CommonPasswords
{
    private const string ResourceName = "M3CoreCrm.Modules.Identity.Infrastructure.common-passwords.txt";

    private static readonly string[] Extra =
    [
        "password1234", "password12345", "password123456", "123456789012", "1234567890123", "qwertyuiop12",
        "qwerty123456", "123456123456", "111111111111", "000000000000", "iloveyou1234", "adminadmin12",
        "administrator", "passw0rd1234", "welcome12345", "letmein12345", "abc123456789", "monkey123456",
        "football1234", "baseball1234", "sunshine1234", "princess1234", "dragon123456", "trustno11234",
        "changeme1234", "p@ssw0rd1234", "qwertyuiopas", "asdfghjkl123", "zxcvbnm12345", "1q2w3e4r5t6y",
        "passwordpassword", "123123123123", "987654321012", "password!234", "Password1234", "Welcome@1234",
        "Admin@123456", "realestate123", "password2024", "password2025", "password2026", "summer2026!!",
        "winter2026!!", "123456789abc", "abcdefghijkl", "aaaaaaaaaaaa", "qazwsxedcrfv", "1qaz2wsx3edc",
    ];

    private static readonly Lazy<HashSet<string>> Set = new(Load);

    internal static int Count => Set.Value.Count;

    internal static bool Contains(string password) => Set.Value.Contains(password);

    private static HashSet<string> Load()
    {
        var set = new HashSet<string>(Extra, StringComparer.OrdinalIgnoreCase);
        using var stream = typeof(CommonPasswords).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource {ResourceName} is missing.");
        using var reader = new StreamReader(stream);
        reader.ReadLine(); // the source and licence line
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0)
            {
                set.Add(line);
            }
        }

        return set;
    }
}
