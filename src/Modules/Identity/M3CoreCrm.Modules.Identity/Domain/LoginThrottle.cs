using M3CoreCrm.BuildingBlocks.Data;
using M3CoreCrm.BuildingBlocks.Tenancy;

namespace M3CoreCrm.Modules.Identity.Domain;

/// <summary>
/// Failed logins per (tenant, email) — kept for unknown emails too, so throttling reveals nothing about which
/// accounts exist. After 5 failures each further one locks the account for 2^(n-5) seconds, at most 60 s: an
/// attacker gets well under 100 guesses an hour, and the real user waits a minute at worst.
/// </summary>
[NotAudited]
internal sealed class LoginThrottle : ITenantOwned
{
    internal const int FreeFailures = 5;
    internal static readonly TimeSpan MaxLock = TimeSpan.FromSeconds(60);
    internal static readonly TimeSpan Window = TimeSpan.FromHours(1);

    private LoginThrottle()
    {
    }

    public Guid TenantId { get; private set; }

    public string NormalizedEmail { get; private set; } = null!;

    public int Failures { get; private set; }

    public DateTimeOffset LastFailureAt { get; private set; }

    public DateTimeOffset? LockedUntil { get; private set; }

    public static LoginThrottle For(string normalizedEmail) => new() { NormalizedEmail = normalizedEmail };

    public bool IsLocked(DateTimeOffset now) => LockedUntil > now;

    public TimeSpan RemainingLock(DateTimeOffset now) => LockedUntil is { } until && until > now ? until - now : TimeSpan.Zero;

    /// <summary>Counts a failure; returns true when it started a lock.</summary>
    public bool RecordFailure(DateTimeOffset now)
    {
        if (now - LastFailureAt > Window)
        {
            Failures = 0;
        }

        Failures++;
        LastFailureAt = now;
        if (Failures <= FreeFailures)
        {
            return false;
        }

        var seconds = Math.Min(Math.Pow(2, Failures - FreeFailures - 1), MaxLock.TotalSeconds);
        LockedUntil = now + TimeSpan.FromSeconds(seconds);
        return true;
    }
}
