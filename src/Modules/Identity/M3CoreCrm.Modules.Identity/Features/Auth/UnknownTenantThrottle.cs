using System.Security.Cryptography;
using System.Text;
using M3CoreCrm.Modules.Identity.Domain;
using Microsoft.Extensions.Caching.Memory;

namespace M3CoreCrm.Modules.Identity.Features.Auth;

/// <summary>
/// Failed logins naming a tenant that does not exist, throttled exactly like those of a real tenant
/// (<see cref="LoginThrottle"/>'s rule): otherwise the lockout that real tenants show would tell which slugs exist.
/// There is no tenant to keep them in, so they live in memory, keyed by a hash of slug and email, at most
/// <see cref="MaxEntries"/> of them, each for the throttling window after its last failure. Per instance: behind a
/// load balancer an attacker meets each instance's count, which only makes probing slower, never more telling.
/// </summary>
internal sealed class UnknownTenantThrottle : IDisposable
{
    internal const int MaxEntries = 100_000;

    private readonly MemoryCache _entries = new(new MemoryCacheOptions { SizeLimit = MaxEntries });

    /// <summary>The remaining lock of this (slug, email), or zero when it may try.</summary>
    public TimeSpan RemainingLock(string slug, string normalizedEmail, DateTimeOffset now)
    {
        if (!_entries.TryGetValue(Key(slug, normalizedEmail), out LoginThrottle? throttle) || throttle is null)
        {
            return TimeSpan.Zero;
        }

        lock (throttle)
        {
            return throttle.RemainingLock(now);
        }
    }

    public void RecordFailure(string slug, string normalizedEmail, DateTimeOffset now)
    {
        var key = Key(slug, normalizedEmail);
        var throttle = _entries.GetOrCreate(key, entry =>
        {
            entry.Size = 1;
            entry.SlidingExpiration = LoginThrottle.Window;
            return LoginThrottle.For(normalizedEmail);
        })!;
        lock (throttle)
        {
            throttle.RecordFailure(now);
        }
    }

    public void Dispose() => _entries.Dispose();

    private static string Key(string slug, string normalizedEmail) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes($"{slug}\n{normalizedEmail}")));
}
