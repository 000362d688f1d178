namespace M3CoreCrm.Api.Hosting;

/// <summary>
/// Browser hardening headers on every response (the API, Swagger UI and the SPA served at <c>/</c>), HSTS on HTTPS
/// requests outside Development, and <c>Cache-Control: no-store</c> on the routes that hand out tokens or secrets.
/// Headers are added when the response starts, so error responses (whose headers the exception handler clears) carry
/// them too.
/// </summary>
internal static class SecurityHeaders
{
    /// <summary>
    /// Fit for the SPA and Swagger UI: scripts only from this origin (neither has an inline script), inline styles
    /// (both set style attributes), data:/blob: images and fonts, no plugins, no framing, forms and base URL own-origin.
    /// </summary>
    internal const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; " +
        "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    internal const string NoStore = "no-store";

    /// <summary>Responses under these paths can carry access/refresh tokens, API keys or a tenant admin's first secret.</summary>
    private static readonly PathString[] SecretBearingPaths = ["/api/v1/auth", "/api/v1/api-keys", "/api/v1/platform"];

    internal static IServiceCollection AddCrmSecurityHeaders(this IServiceCollection services) =>
        services.AddHsts(o => o.MaxAge = TimeSpan.FromDays(365));

    internal static WebApplication UseCrmSecurityHeaders(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            // Adds Strict-Transport-Security on HTTPS requests only (behind a proxy: X-Forwarded-Proto from a trusted one).
            app.UseHsts();
        }

        app.Use((context, next) =>
        {
            context.Response.OnStarting(static state => Apply((HttpContext)state), context);
            return next(context);
        });
        return app;
    }

    private static Task Apply(HttpContext context)
    {
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        headers.XFrameOptions = "DENY";
        headers.ContentSecurityPolicy = ApiReference.Nonce(context) is { } nonce
            ? ContentSecurityPolicy.Replace("script-src 'self'", $"script-src 'self' 'nonce-{nonce}'", StringComparison.Ordinal)
            : ContentSecurityPolicy;
        if (SecretBearingPaths.Any(p => context.Request.Path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase)))
        {
            headers.CacheControl = NoStore;
            headers.Pragma = "no-cache";
        }

        return Task.CompletedTask;
    }
}
