using System.Globalization;
using System.Net.Mail;
using System.Text.RegularExpressions;
using PhoneNumbers;

namespace M3CoreCrm.Modules.Leads.Domain;

/// <summary>Limits and normalization of a lead's fields, shared by the validators, the CSV import and the domain.</summary>
internal static partial class LeadRules
{
    internal const int NameMax = 100;
    internal const int EmailMax = 254;
    internal const int PhoneInputMax = 32;
    internal const int NotesMax = 4000;
    internal const int ReasonMax = 500;
    internal const int UnitTypeMax = 50;
    internal const int TagMax = 50;
    internal const int TagsMax = 20;
    internal const int BedroomsMax = 50;

    /// <summary>numeric(18,2): 16 digits before the point.</summary>
    internal const decimal BudgetLimit = 9_999_999_999_999_999.99m;

    private static readonly PhoneNumberUtil PhoneUtil = PhoneNumberUtil.GetInstance();

    /// <summary>Text without control characters (line breaks are allowed only where <paramref name="multiline"/>).</summary>
    internal static bool IsCleanText(string? value, bool multiline = false) =>
        value is null || !value.Any(c => char.IsControl(c) && !(multiline && c is '\n' or '\r' or '\t'));

    internal static string? Trimmed(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>A plain address (local@domain.tld), at most 254 characters, that MailAddress reads back unchanged.</summary>
    internal static bool IsValidEmail(string? email)
    {
        if (email is null)
        {
            return true;
        }

        var trimmed = email.Trim();
        return trimmed.Length <= EmailMax
            && EmailShape().IsMatch(trimmed)
            && MailAddress.TryCreate(trimmed, out var parsed)
            && string.Equals(parsed.Address, trimmed, StringComparison.Ordinal);
    }

    internal static string NormalizeEmail(string email) => email.Trim().ToLowerInvariant();

    /// <summary>
    /// An international number ("+" and country code; spaces, dots, dashes and brackets allowed) that is a valid number
    /// of its country, as E.164 ("+971501234567").
    /// </summary>
    internal static bool TryNormalizePhone(string? input, out string e164)
    {
        e164 = string.Empty;
        var trimmed = input?.Trim();
        if (string.IsNullOrEmpty(trimmed) || trimmed.Length > PhoneInputMax || !trimmed.StartsWith('+') || !IsCleanText(trimmed))
        {
            return false;
        }

        try
        {
            var number = PhoneUtil.Parse(trimmed, null);
            if (!PhoneUtil.IsValidNumber(number))
            {
                return false;
            }

            e164 = PhoneUtil.Format(number, PhoneNumberFormat.E164);
            return true;
        }
        catch (NumberParseException)
        {
            return false;
        }
    }

    internal static bool IsValidPhone(string? input) => input is null || TryNormalizePhone(input, out _);

    internal static string NormalizeTag(string tag) => tag.Trim().ToLowerInvariant();

    internal static bool IsValidTag(string? tag) => tag is not null && TagShape().IsMatch(NormalizeTag(tag));

    internal static IReadOnlyList<string> NormalizeTags(IEnumerable<string>? tags) =>
        tags is null ? [] : tags.Select(NormalizeTag).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>At most two decimals and 16 integer digits (numeric(18,2) stores it without rounding).</summary>
    internal static bool FitsMoney(decimal amount) => decimal.Round(amount, 2) == amount && Math.Abs(amount) <= BudgetLimit;

    internal static string FormatMoney(decimal amount) => amount.ToString("0.00", CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s.]{2,}$", RegexOptions.CultureInvariant)]
    private static partial Regex EmailShape();

    [GeneratedRegex(@"^[\p{L}\p{N}][\p{L}\p{N} _.\-]{0,49}$", RegexOptions.CultureInvariant)]
    private static partial Regex TagShape();
}
