using M3CoreCrm.BuildingBlocks.Security;
using Serilog.Context;

namespace M3CoreCrm.Api.Hosting;

/// <summary>Takes a well-formed X-Correlation-Id from the caller (or the trace id), echoes it, and logs with it.</summary>
internal sealed class CorrelationIdMiddleware(RequestDelegate next)
{
    internal const string HeaderName = "X-Correlation-Id";

    public async Task InvokeAsync(HttpContext context)
    {
        var incoming = context.Request.Headers[HeaderName].ToString();
        var correlationId = IsWellFormed(incoming) ? incoming : System.Diagnostics.Activity.Current?.TraceId.ToString() ?? context.TraceIdentifier;
        context.Items[HttpCurrentActor.CorrelationIdKey] = correlationId;
        context.Response.Headers[HeaderName] = correlationId;
        using (LogContext.PushProperty("CorrelationId", correlationId))
        {
            await next(context);
        }
    }

    private static bool IsWellFormed(string value) =>
        value.Length is > 0 and <= 128 && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':');
}
