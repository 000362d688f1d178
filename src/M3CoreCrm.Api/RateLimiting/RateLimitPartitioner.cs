using System.Net;
using System.Net.Sockets;
using System.Security.Claims;
using M3CoreCrm.BuildingBlocks.Security;

namespace M3CoreCrm.Api.RateLimiting;

/// <summary>The quota policies of this API; their names appear in the RateLimit headers and 429 bodies.</summary>
internal static class RateLimitPolicies
{
    internal const string Tenant = "tenant";
    internal const string User = "user";
    internal const string ApiKey = "api-key";
    internal const string Ip = "ip";
    internal const string AuthIp = "auth-ip";
    internal const string AuthAccount = "auth-account";
}

/// <summary>One quota a request draws from: a policy and the partition (whose bucket) within it, unique within the policy.</summary>
internal sealed record RateLimitPartition(string Policy, string Key, Guid? TenantId = null);

/// <summary>
/// Which buckets a request draws from. Authenticated requests: their tenant's and their own (user or API key).
/// Anonymous requests: their client IP's. /api/v1/auth/*: the stricter per-IP auth bucket instead, plus the
/// account's bucket when a login names one. The client IP is the connection's, which forwarded headers change only
/// when they come from a configured proxy (see ForwardedHeadersSetup).
/// </summary>
internal static class RateLimitPartitioner
{
    internal static readonly PathString AuthPath = "/api/v1/auth";
    internal static readonly PathString LoginPath = "/api/v1/auth/login";

    private static readonly PathString[] ExemptPaths = ["/health", "/metrics", "/swagger"];

    /// <summary>Health, metrics and the OpenAPI document are never limited.</summary>
    internal static bool IsExempt(PathString path) => ExemptPaths.Any(p => path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase));

    internal static IReadOnlyList<RateLimitPartition> Select(PathString path, ClaimsPrincipal user, IPAddress? remoteIp, string? accountKey)
    {
        var partitions = new List<RateLimitPartition>(3);
        var tenantClaim = user.FindFirst(CrmClaims.TenantId)?.Value;
        if (Guid.TryParse(tenantClaim, out var tenantId))
        {
            partitions.Add(new RateLimitPartition(RateLimitPolicies.Tenant, $"{tenantId:N}", tenantId));
            if (user.FindFirst(CrmClaims.ApiKeyId)?.Value is { Length: > 0 } keyId)
            {
                partitions.Add(new RateLimitPartition(RateLimitPolicies.ApiKey, $"{tenantId:N}:{Bounded(keyId)}", tenantId));
            }
            else if (user.FindFirst(CrmClaims.Subject)?.Value is { Length: > 0 } subject)
            {
                partitions.Add(new RateLimitPartition(RateLimitPolicies.User, $"{tenantId:N}:{Bounded(subject)}", tenantId));
            }
        }

        if (path.StartsWithSegments(AuthPath, StringComparison.OrdinalIgnoreCase))
        {
            partitions.Add(new RateLimitPartition(RateLimitPolicies.AuthIp, IpKey(remoteIp)));
            if (accountKey is not null)
            {
                partitions.Add(new RateLimitPartition(RateLimitPolicies.AuthAccount, accountKey));
            }
        }
        else if (partitions.Count == 0)
        {
            partitions.Add(new RateLimitPartition(RateLimitPolicies.Ip, IpKey(remoteIp)));
        }

        return partitions;
    }

    /// <summary>
    /// The client's partition: the IPv4 address, or the /64 prefix of an IPv6 address (one subscriber usually owns a
    /// whole /64, so per-address buckets would let it rotate addresses). No address (in-memory test server, Unix
    /// socket behind a local proxy): "unknown".
    /// </summary>
    internal static string IpKey(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return $"{new IPAddress(bytes)}/64";
    }

    /// <summary>Claims are validated GUIDs today; a bound keeps any future claim from making huge keys.</summary>
    private static string Bounded(string value) => value.Length <= 64 ? value : value[..64];
}
