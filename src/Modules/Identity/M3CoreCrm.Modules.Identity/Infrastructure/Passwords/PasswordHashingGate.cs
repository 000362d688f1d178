using M3CoreCrm.BuildingBlocks.Http;
using Microsoft.AspNetCore.Http;

namespace M3CoreCrm.Modules.Identity.Infrastructure.Passwords;

/// <summary>
/// At most one Argon2 computation per two cores at a time (each takes ~19 MiB and a core for ~20 ms), on a thread
/// of its own at a low CPU priority. A login that cannot start within a short wait gets 503 with Retry-After instead
/// of queueing without bound, so a login burst neither exhausts memory nor starves the rest of the API.
/// </summary>
internal sealed class PasswordHashingGate(Argon2PasswordHasher hasher, int slots, TimeSpan maxWait) : IDisposable
{
    private readonly SemaphoreSlim _slots = new(slots, slots);
    private readonly Lazy<string> _dummyHash = new(() => hasher.Hash(Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24))));

    public Task<string> HashAsync(string password, CancellationToken ct) => RunAsync(() => hasher.Hash(password), ct);

    public Task<PasswordCheck> VerifyAsync(string password, string phc, CancellationToken ct) => RunAsync(() => hasher.Verify(password, phc), ct);

    /// <summary>Spends the same time as a real check when there is no account, so timing tells nothing.</summary>
    public Task VerifyDummyAsync(string password, CancellationToken ct) => RunAsync(() => hasher.Verify(password, _dummyHash.Value), ct);

    public void Dispose() => _slots.Dispose();

    /// <summary>
    /// Nice 10: a hash yields the core to request threads (it gets about a tenth of a core while they compete) but
    /// still finishes within a few hundred milliseconds when the API is saturated. bench/ S5 on two cores: reads'
    /// p99 during logins 1.8× their solo p99 at nice 0, 1.4–1.5× at nice 10.
    /// </summary>
    internal const int HashingNice = 10;

    /// <summary>Half the cores, at least one: bounds the memory of a login burst and the cores it can take.</summary>
    internal static int SlotsFor(int processorCount) => Math.Max(1, processorCount / 2);

    internal async Task<T> RunAsync<T>(Func<T> work, CancellationToken ct)
    {
        if (!await _slots.WaitAsync(maxWait, ct))
        {
            throw new ApiProblemException(StatusCodes.Status503ServiceUnavailable, "auth.busy", "Service unavailable",
                "Too many logins are being processed; retry shortly.") { RetryAfterSeconds = 1 };
        }

        try
        {
            ct.ThrowIfCancellationRequested();
            return await LowPriorityThread.RunAsync(work, HashingNice);
        }
        finally
        {
            _slots.Release();
        }
    }
}
