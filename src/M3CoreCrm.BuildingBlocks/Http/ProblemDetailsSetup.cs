using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace M3CoreCrm.BuildingBlocks.Http;

/// <summary>Every problem body carries type, title, status, instance, traceId and a machine code.</summary>
public static class ProblemDetailsSetup
{
    public static IServiceCollection AddCrmProblemDetails(this IServiceCollection services) =>
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            var problem = context.ProblemDetails;
            var status = problem.Status ?? context.HttpContext.Response.StatusCode;
            problem.Status = status;
            if (!problem.Extensions.TryGetValue("code", out var code) || code is not string)
            {
                code = Problems.DefaultCode(status);
                problem.Extensions["code"] = code;
            }

            problem.Type = Problems.TypeOf((string)code);
            problem.Instance ??= context.HttpContext.Request.Path;
            problem.Extensions["traceId"] = Activity.Current?.TraceId.ToString() ?? context.HttpContext.TraceIdentifier;
            problem.Detail ??= problem.Title;
        });
}
