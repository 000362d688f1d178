using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace M3CoreCrm.Modules.Identity.Infrastructure.ApiKeys;

/// <summary>ApiKeys:MaxLifetime (TimeSpan, default 365 days): every key must expire within it.</summary>
internal sealed record ApiKeySettings(TimeSpan MaxLifetime)
{
    internal static readonly TimeSpan DefaultMaxLifetime = TimeSpan.FromDays(365);

    internal static ApiKeySettings From(IConfiguration configuration)
    {
        var text = configuration["ApiKeys:MaxLifetime"];
        if (string.IsNullOrWhiteSpace(text))
        {
            return new ApiKeySettings(DefaultMaxLifetime);
        }

        return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var value) && value > TimeSpan.Zero
            ? new ApiKeySettings(value)
            : throw new InvalidOperationException($"ApiKeys:MaxLifetime must be a positive TimeSpan such as 365.00:00:00; it is '{text}'.");
    }
}
