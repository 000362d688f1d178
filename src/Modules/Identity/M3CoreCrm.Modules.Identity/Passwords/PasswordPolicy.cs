using M3CoreCrm.Modules.Identity.Contracts;

namespace M3CoreCrm.Modules.Identity.Passwords;

internal sealed class PasswordPolicyService : IPasswordPolicy
{
    public string? Check(string password, string? email) => PasswordPolicy.Check(password, email);
}

/// <summary>Length 12-128 (NIST SP 800-63B style: length over composition rules) and not a known common password.</summary>
internal static class PasswordPolicy
{
    internal const int MinLength = 12;
    internal const int MaxLength = 128;

    private static readonly HashSet<string> Common = new(StringComparer.OrdinalIgnoreCase)
    {
        "password1234", "password12345", "password123456", "123456789012", "1234567890123", "qwertyuiop12",
        "qwerty123456", "123456123456", "111111111111", "000000000000", "iloveyou1234", "adminadmin12",
        "administrator", "passw0rd1234", "welcome12345", "letmein12345", "abc123456789", "monkey123456",
        "football1234", "baseball1234", "sunshine1234", "princess1234", "dragon123456", "trustno11234",
        "changeme1234", "p@ssw0rd1234", "qwertyuiopas", "asdfghjkl123", "zxcvbnm12345", "1q2w3e4r5t6y",
        "passwordpassword", "123123123123", "987654321012", "password!234", "Password1234", "Welcome@1234",
        "Admin@123456", "realestate123", "password2024", "password2025", "password2026", "summer2026!!",
        "winter2026!!", "123456789abc", "abcdefghijkl", "aaaaaaaaaaaa", "qazwsxedcrfv", "1qaz2wsx3edc",
    };

    /// <summary>Null when acceptable, else the reason.</summary>
    internal static string? Check(string password, string? email = null)
    {
        if (password.Length < MinLength || password.Length > MaxLength)
        {
            return $"The password must be {MinLength} to {MaxLength} characters long.";
        }

        if (Common.Contains(password) || password.Distinct().Count() <= 2)
        {
            return "The password is too common; choose a less predictable one.";
        }

        if (email is not null && password.Contains(email.Split('@')[0], StringComparison.OrdinalIgnoreCase) && email.Split('@')[0].Length >= 4)
        {
            return "The password must not contain the email address.";
        }

        return null;
    }
}
