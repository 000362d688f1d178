using System.Globalization;
using M3CoreCrm.Api.Redis;
using StackExchange.Redis;

namespace M3CoreCrm.Api.RateLimiting;

/// <summary>
/// Token buckets in Redis, shared by every API instance. One Lua script per request refills and takes from all its
/// buckets atomically, with Redis' own clock (<c>TIME</c>), so instances whose clocks disagree still share one
/// budget. Buckets expire when they would be full again. While Redis is unreachable the in-process buckets answer
/// instead (each instance then allows the full quota on its own) and nothing waits for Redis.
/// </summary>
internal sealed class RedisRateLimitStore(RedisConnection redis, InProcessRateLimitStore fallback, RateLimitMetrics metrics) : IRateLimitStore
{
    internal const string KeyPrefix = RedisConnection.KeyPrefix + "rl:";

    // KEYS: the buckets. ARGV: quota and refill per second of each bucket, in KEYS order.
    // Returns { allowed (1|0), tokens of bucket 1 (as a string), tokens of bucket 2, ... }.
    // Time is kept in milliseconds: Lua prints numbers with 14 significant digits, which holds a millisecond epoch.
    internal const string Script = """
        local time = redis.call('TIME')
        local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
        local tokens = {}
        local allowed = 1
        for i = 1, #KEYS do
          local quota = tonumber(ARGV[2 * i - 1])
          local rate = tonumber(ARGV[2 * i])
          local state = redis.call('HMGET', KEYS[i], 'tokens', 'at')
          local level = tonumber(state[1])
          local at = tonumber(state[2])
          if level == nil or at == nil then
            level = quota
          else
            local elapsed = math.max(0, now - at) / 1000
            level = math.min(quota, level + elapsed * rate)
          end
          tokens[i] = level
          if level < 1 - 1e-9 then
            allowed = 0
          end
        end
        local result = { allowed }
        for i = 1, #KEYS do
          local quota = tonumber(ARGV[2 * i - 1])
          local rate = tonumber(ARGV[2 * i])
          if allowed == 1 then
            tokens[i] = math.max(0, tokens[i] - 1)
            redis.call('HSET', KEYS[i], 'tokens', tostring(tokens[i]), 'at', tostring(now))
            redis.call('PEXPIRE', KEYS[i], math.ceil((quota - tokens[i]) / rate * 1000) + 1000)
          end
          result[i + 1] = tostring(tokens[i])
        end
        return result
        """;

    public async ValueTask<RateLimitDecision> AcquireAsync(IReadOnlyList<BucketSpec> buckets)
    {
        var keys = new RedisKey[buckets.Count];
        var arguments = new RedisValue[buckets.Count * 2];
        for (var i = 0; i < buckets.Count; i++)
        {
            keys[i] = KeyOf(buckets[i]);
            arguments[2 * i] = buckets[i].Quota;
            arguments[(2 * i) + 1] = buckets[i].RefillPerSecond.ToString("R", CultureInfo.InvariantCulture);
        }

        var (ok, result) = await redis.TryRunAsync(db => db.ScriptEvaluateAsync(Script, keys, arguments));
        if (!ok)
        {
            metrics.FellBack();
            return fallback.Acquire(buckets);
        }

        var values = (RedisResult[])result!;
        var outcomes = new BucketOutcome[buckets.Count];
        for (var i = 0; i < buckets.Count; i++)
        {
            outcomes[i] = new BucketOutcome(buckets[i], double.Parse((string)values[i + 1]!, NumberStyles.Float, CultureInfo.InvariantCulture));
        }

        return new RateLimitDecision((int)values[0] == 1, outcomes);
    }

    internal static string KeyOf(BucketSpec bucket) => $"{KeyPrefix}{bucket.Policy}:{bucket.Key}";
}
