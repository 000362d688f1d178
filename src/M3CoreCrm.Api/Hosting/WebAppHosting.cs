using System.IO.Compression;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.Extensions.Options;

namespace M3CoreCrm.Api.Hosting;

/// <summary>
/// Serves the web app (the React SPA built into the host's web root, <c>wwwroot</c>) beside the API: its files,
/// and <c>index.html</c> for every client route, so a deep link such as /leads/42 opens the app. Paths of the server
/// itself (/api, /swagger, /reference, /health, /metrics) never reach this branch: an unknown /api/... keeps its 404 problem.
/// A host built without the web app (SkipWebBuild) has no index.html and serves the API alone.
/// </summary>
internal static class WebAppHosting
{
    /// <summary>Vite's output folder for fingerprinted files: a changed file gets a new name, so it never goes stale.</summary>
    internal const string HashedAssetsPath = "/assets";

    internal const string ImmutableCaching = "public, max-age=31536000, immutable";

    /// <summary>index.html and unhashed files are revalidated on every load (ETag), so a deploy shows at once.</summary>
    internal const string Revalidate = "no-cache";

    private const string IndexPath = "/index.html";

    private static readonly PathString[] ServerPaths = ["/api", "/swagger", ApiReference.Path, "/health", "/metrics"];

    internal static WebApplication UseCrmWebApp(this WebApplication app)
    {
        if (!app.Environment.WebRootFileProvider.GetFileInfo(IndexPath).Exists)
        {
            return app;
        }

        var compression = new ResponseCompressionProvider(app.Services, Options.Create(CompressionOptions()));
        app.UseWhen(context => !IsServerPath(context.Request.Path), web =>
        {
            web.Use(RewriteClientRoutes);
            web.UseMiddleware<ResponseCompressionMiddleware>(compression);
            web.UseStaticFiles(new StaticFileOptions
            {
                FileProvider = app.Environment.WebRootFileProvider,
                OnPrepareResponse = file => file.Context.Response.Headers.CacheControl = CachingFor(file.Context.Request.Path),
            });
        });
        return app;
    }

    internal static bool IsServerPath(PathString path) => ServerPaths.Any(prefix => path.StartsWithSegments(prefix, StringComparison.OrdinalIgnoreCase));

    internal static string CachingFor(PathString path) =>
        path.StartsWithSegments(HashedAssetsPath, StringComparison.OrdinalIgnoreCase) ? ImmutableCaching : Revalidate;

    /// <summary>
    /// A page load of a client route (a GET without a file extension, e.g. / or /leads/42) gets index.html; the static
    /// file middleware then answers it with its ETag and 304s. A missing file (/assets/gone.js) falls through to 404.
    /// </summary>
    private static Task RewriteClientRoutes(HttpContext context, RequestDelegate next)
    {
        var request = context.Request;
        if ((HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)) && !Path.HasExtension(request.Path.Value))
        {
            request.Path = IndexPath;
        }

        return next(context);
    }

    /// <summary>
    /// The web app's files go out compressed (the API's JSON does not: compressing it costs the CPU PostgreSQL needs).
    /// Brotli at its fastest level still beats gzip's best, and a hashed file is fetched once per browser anyway.
    /// </summary>
    private static ResponseCompressionOptions CompressionOptions()
    {
        var options = new ResponseCompressionOptions { EnableForHttps = true };
        options.MimeTypes = ["text/html", "text/css", "text/javascript", "application/javascript", "application/json", "image/svg+xml", "application/manifest+json"];
        options.Providers.Add(new BrotliCompressionProvider(Options.Create(new BrotliCompressionProviderOptions { Level = CompressionLevel.Fastest })));
        options.Providers.Add(new GzipCompressionProvider(Options.Create(new GzipCompressionProviderOptions { Level = CompressionLevel.Optimal })));
        return options;
    }
}
