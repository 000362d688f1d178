using System.Text.RegularExpressions;
using PhoneNumbers;

namespace M3CoreCrm.Modules.Contacts.Domain;

/// <summary>Parsing and normalizing of emails, phone numbers (E.164 via libphonenumber), domains, tags and free text.</summary>
internal static partial class ContactPointRules
{
    private static readonly PhoneNumberUtil Phones = PhoneNumberUtil.GetInstance();

    /// <summary>Trimmed and lower-cased: the form dedup compares.</summary>
    public static string NormalizeEmail(string email) => email.Trim().ToLowerInvariant();

    /// <summary>A plain address (local@domain), no display name, comments or spaces; ASCII, up to 254 characters.</summary>
    public static bool IsValidEmail(string? email)
    {
        if (string.IsNullOrWhiteSpace(email))
        {
            return false;
        }

        var trimmed = email.Trim();
        var at = trimmed.LastIndexOf('@');
        return trimmed.Length <= 254 && at is > 0 and <= 64
            && LocalPart().IsMatch(trimmed[..at])
            && IsValidDomain(trimmed[(at + 1)..]);
    }

    /// <summary>A bare host name such as emaar.com (letters, digits, inner hyphens, a top-level domain).</summary>
    public static bool IsValidDomain(string? domain) =>
        domain is { Length: > 0 and <= 253 } && DomainName().IsMatch(domain);

    /// <summary>Parses an international number ("+971 50 123 4567") into E.164 and the national digits ("0501234567").</summary>
    public static bool TryParsePhone(string? input, out string e164, out string nationalDigits)
    {
        e164 = nationalDigits = string.Empty;
        if (string.IsNullOrWhiteSpace(input) || input.Length > 32)
        {
            return false;
        }

        var trimmed = input.Trim();
        if (!trimmed.StartsWith('+') || !PhoneCharacters().IsMatch(trimmed))
        {
            return false;
        }

        try
        {
            var number = Phones.Parse(trimmed, null);
            if (!Phones.IsValidNumber(number))
            {
                return false;
            }

            e164 = Phones.Format(number, PhoneNumberFormat.E164);
            nationalDigits = new string(Phones.Format(number, PhoneNumberFormat.NATIONAL).Where(char.IsAsciiDigit).ToArray());
            return true;
        }
        catch (NumberParseException)
        {
            return false;
        }
    }

    /// <summary>
    /// The <c>q</c> text as the search column spells it: lower case, and for phone-like input ("050 123-4567") the
    /// digits only (keeping a leading +), so formatting does not matter.
    /// </summary>
    public static string NormalizeSearch(string q)
    {
        var trimmed = q.Trim().ToLowerInvariant();
        if (PhoneCharacters().IsMatch(trimmed) && trimmed.Count(char.IsAsciiDigit) >= 3)
        {
            var digits = new string(trimmed.Where(char.IsAsciiDigit).ToArray());
            return trimmed.StartsWith('+') ? "+" + digits : digits;
        }

        return trimmed;
    }

    /// <summary>Trimmed, lower case: tags compare case-insensitively and filter exactly.</summary>
    public static string NormalizeTag(string tag) => tag.Trim().ToLowerInvariant();

    public static bool IsValidTag(string? tag) =>
        !string.IsNullOrWhiteSpace(tag) && tag.Trim().Length <= Data.Limits.Tag && !tag.Contains(',', StringComparison.Ordinal) && !HasControlCharacters(tag);

    public static bool HasControlCharacters(string? text) => text is not null && text.Any(char.IsControl);

    /// <summary>Null for blank, else trimmed.</summary>
    public static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    [GeneratedRegex(@"^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$")]
    private static partial Regex LocalPart();

    [GeneratedRegex(@"^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+(?:[A-Za-z]{2,63}|xn--[A-Za-z0-9-]{1,59})$")]
    private static partial Regex DomainName();

    [GeneratedRegex(@"^\+?[0-9 ().\-]+$")]
    private static partial Regex PhoneCharacters();
}
