using Scalar.AspNetCore;

namespace M3CoreCrm.Api.Hosting;

/// <summary>
/// The API reference for reading (Scalar) at <c>/reference</c>, beside Swagger UI, from the same document. Its scripts
/// are served by this host (embedded in the package, no CDN, no web fonts); its one inline script carries a fresh nonce
/// that <see cref="SecurityHeaders"/> adds to the page's script-src, so the policy stays "this origin only" elsewhere.
/// </summary>
internal static class ApiReference
{
    internal const string Path = "/reference";

    internal static void MapCrmApiReference(this WebApplication app) =>
        app.MapScalarApiReference(Path, options => options
            .WithTitle("M3CoreCRM API reference")
            .WithOpenApiRoutePattern("/swagger/{documentName}/swagger.json")
            .AddDocument(OpenApiSetup.DocumentName)
            .DisableDefaultFonts()
            .DisableTelemetry()
            .DisableAgent()
            .DisableMcp()
            .WithNonce());

    /// <summary>The nonce Scalar put on this response's scripts, if it rendered the page.</summary>
    internal static string? Nonce(HttpContext context) => context.Items.TryGetValue(ScalarOptions.NonceHttpContextItemKey, out var nonce) ? nonce as string : null;
}
