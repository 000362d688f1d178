namespace M3CoreCrm.BuildingBlocks.SharedState;

/// <summary>
/// Small pieces of state that every API instance must agree on (cache epochs, revocation markers). Backed by Redis
/// when <c>ConnectionStrings:Redis</c> is set; otherwise, and while Redis is unreachable, each method answers
/// "unknown" (null or false) at once instead of throwing, and callers keep their in-process behaviour.
/// </summary>
public interface ISharedStore
{
    /// <summary>The counter's value (0 when it was never set), or null when the shared store cannot answer.</summary>
    Task<long?> ReadCounterAsync(string key);

    /// <summary>Adds one and keeps the counter for at least <paramref name="expiry"/>; null when not stored.</summary>
    Task<long?> IncrementCounterAsync(string key, TimeSpan expiry);

    /// <summary>Whether the marker is set, or null when the shared store cannot answer.</summary>
    Task<bool?> HasMarkerAsync(string key);

    /// <summary>Sets a marker that disappears after <paramref name="expiry"/>; false when it could not be stored.</summary>
    Task<bool> SetMarkerAsync(string key, TimeSpan expiry);
}

/// <summary>The single-machine default: nothing is shared, every answer is "unknown".</summary>
public sealed class NoSharedStore : ISharedStore
{
    public static readonly NoSharedStore Instance = new();

    private static readonly Task<long?> Unknown = Task.FromResult<long?>(null);
    private static readonly Task<bool?> UnknownMarker = Task.FromResult<bool?>(null);

    private NoSharedStore()
    {
    }

    public Task<long?> ReadCounterAsync(string key) => Unknown;

    public Task<long?> IncrementCounterAsync(string key, TimeSpan expiry) => Unknown;

    public Task<bool?> HasMarkerAsync(string key) => UnknownMarker;

    public Task<bool> SetMarkerAsync(string key, TimeSpan expiry) => Task.FromResult(false);
}
