using M3CoreCrm.BuildingBlocks.SharedState;
using StackExchange.Redis;

namespace M3CoreCrm.Api.Redis;

/// <summary>The shared store on Redis: counters and markers with expiry; "unknown" whenever Redis cannot answer.</summary>
internal sealed class RedisSharedStore(RedisConnection redis) : ISharedStore
{
    public async Task<long?> ReadCounterAsync(string key)
    {
        var (ok, value) = await redis.TryRunAsync(db => db.StringGetAsync(Key(key)));
        return ok ? (value.IsNull ? 0 : (long)value) : null;
    }

    public async Task<long?> IncrementCounterAsync(string key, TimeSpan expiry)
    {
        var (ok, value) = await redis.TryRunAsync(async db =>
        {
            var transaction = db.CreateTransaction();
            var incremented = transaction.StringIncrementAsync(Key(key));
            _ = transaction.KeyExpireAsync(Key(key), expiry);
            await transaction.ExecuteAsync();
            return await incremented;
        });
        return ok ? value : null;
    }

    public async Task<bool?> HasMarkerAsync(string key)
    {
        var (ok, exists) = await redis.TryRunAsync(db => db.KeyExistsAsync(Key(key)));
        return ok ? exists : null;
    }

    public async Task<bool> SetMarkerAsync(string key, TimeSpan expiry)
    {
        var (ok, set) = await redis.TryRunAsync(db => db.StringSetAsync(Key(key), 1, expiry));
        return ok && set;
    }

    private static RedisKey Key(string key) => RedisConnection.KeyPrefix + key;
}
