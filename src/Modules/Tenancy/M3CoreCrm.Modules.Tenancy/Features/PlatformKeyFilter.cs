using System.Security.Cryptography;
using System.Text;
using M3CoreCrm.BuildingBlocks.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;

namespace M3CoreCrm.Modules.Tenancy.Features;

/// <summary>Platform routes answer only to the deployment's Platform:ApiKey, sent as X-Platform-Key.</summary>
internal sealed class PlatformKeyFilter(IConfiguration configuration) : IEndpointFilter
{
    internal const string HeaderName = "X-Platform-Key";

    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var expected = configuration["Platform:ApiKey"];
        var presented = context.HttpContext.Request.Headers[HeaderName].ToString();
        if (string.IsNullOrEmpty(expected) || !FixedTimeEquals(expected, presented))
        {
            throw Problems.Unauthorized("platform.invalid_key", $"Platform routes need a valid {HeaderName} header.");
        }

        return next(context);
    }

    private static bool FixedTimeEquals(string expected, string presented) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(expected)), SHA256.HashData(Encoding.UTF8.GetBytes(presented)));
}
