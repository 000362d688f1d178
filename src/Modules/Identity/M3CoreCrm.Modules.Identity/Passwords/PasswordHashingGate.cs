using M3CoreCrm.BuildingBlocks.Http;
using Microsoft.AspNetCore.Http;

namespace M3CoreCrm.Modules.Identity.Passwords;

/// <summary>
/// At most one Argon2 computation per two cores at a time (each takes ~19 MiB and a core for ~0.05–0.2 s). A login
/// that cannot start within a short wait gets 503 with Retry-After instead of queueing without bound, so a login
/// burst neither exhausts memory nor starves the rest of the API.
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
    /// Half the cores, at least one: hashes running on every core left reads waiting behind them (S5 in bench/: a
    /// read's p99 5× its solo p99 with two slots on two cores). The hashing library computes on thread-pool threads
    /// whatever thread calls it, so only the number of concurrent hashes protects the rest.
    /// </summary>
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
            // On a thread of its own: the library blocks its caller for the whole hash (it computes on pool threads
            // of its own), and blocked pool threads leave other requests waiting for a free one.
            return await Task.Factory.StartNew(work, ct, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        }
        finally
        {
            _slots.Release();
        }
    }
}
