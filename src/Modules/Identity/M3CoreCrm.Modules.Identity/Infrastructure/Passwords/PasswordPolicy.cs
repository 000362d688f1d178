using M3CoreCrm.Modules.Identity.Contracts;

namespace M3CoreCrm.Modules.Identity.Infrastructure.Passwords;

internal sealed class PasswordPolicyService : IPasswordPolicy
{
    public string? Check(string password, string? email) => PasswordPolicy.Check(password, email);
}

/// <summary>
/// Length 12-128 (NIST SP 800-63B style: length over composition rules) and not a known common password
/// (<see cref="CommonPasswords"/>).
/// </summary>
internal static class PasswordPolicy
{
    internal const int MinLength = 12;
    internal const int MaxLength = 128;

    /// <summary>Null when acceptable, else the reason.</summary>
    internal static string? Check(string password, string? email = null)
    {
        if (password.Length < MinLength || password.Length > MaxLength)
        {
            return $"The password must be {MinLength} to {MaxLength} characters long.";
        }

        if (CommonPasswords.Contains(password) || password.Distinct().Count() <= 2)
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
