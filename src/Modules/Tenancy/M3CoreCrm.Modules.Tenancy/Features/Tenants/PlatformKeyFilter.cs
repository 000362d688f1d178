using System.Security.Cryptography;
using System.Text;
using M3CoreCrm.BuildingBlocks.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace M3CoreCrm.Modules.Tenancy.Features.Tenants;

/// <summary>
/// Platform routes answer only to the deployment's Platform:ApiKey, sent as X-Platform-Key. A wrong or missing key
/// belongs to no tenant, so it goes to the security log (event 4011), not to a tenant's audit log.
/// </summary>
internal sealed partial class PlatformKeyFilter(IConfiguration configuration, ILogger<PlatformKeyFilter> logger) : IEndpointFilter
{
    internal const string HeaderName = "X-Platform-Key";

    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var expected = configuration["Platform:ApiKey"];
        var presented = context.HttpContext.Request.Headers[HeaderName].ToString();
        if (string.IsNullOrEmpty(expected) || !FixedTimeEquals(expected, presented))
        {
            var http = context.HttpContext;
            LogRejected(logger, presented.Length == 0 ? "missing" : "wrong", http.Connection.RemoteIpAddress?.ToString(), http.Request.Method, http.Request.Path.Value);
            throw Problems.Unauthorized("platform.invalid_key", $"Platform routes need a valid {HeaderName} header.");
        }

        return next(context);
    }

    [LoggerMessage(EventId = 4011, EventName = "PlatformKeyRejected", Level = LogLevel.Warning,
        Message = "Security: {KeyState} platform key from {IpAddress} on {Method} {Path}")]
    private static partial void LogRejected(ILogger logger, string keyState, string? ipAddress, string method, string? path);

    private static bool FixedTimeEquals(string expected, string presented) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(expected)), SHA256.HashData(Encoding.UTF8.GetBytes(presented)));
}
