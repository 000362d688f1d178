using FluentValidation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace M3CoreCrm.BuildingBlocks.Validation;

/// <summary>Validates the endpoint's <typeparamref name="TRequest"/> argument; 400 ValidationProblem on failure.</summary>
internal sealed class ValidationFilter<TRequest> : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var request = context.Arguments.OfType<TRequest>().FirstOrDefault();
        if (request is null)
        {
            return await next(context);
        }

        var validator = context.HttpContext.RequestServices.GetRequiredService<IValidator<TRequest>>();
        var result = await validator.ValidateAsync(request, context.HttpContext.RequestAborted);
        if (result.IsValid)
        {
            return await next(context);
        }

        var errors = result.Errors
            .GroupBy(e => FieldName(e.PropertyName))
            .ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).Distinct().ToArray());
        return TypedResults.ValidationProblem(
            errors,
            detail: "One or more fields are invalid.",
            extensions: new Dictionary<string, object?> { ["code"] = "validation.failed" });
    }

    /// <summary>"Budget.Min" and "Emails[0]" become "budget.min" and "emails[0]", as the JSON spells them.</summary>
    internal static string FieldName(string propertyPath) =>
        string.Join('.', propertyPath.Split('.').Select(s => s.Length == 0 ? s : char.ToLowerInvariant(s[0]) + s[1..]));
}

public static class ValidationEndpointExtensions
{
    /// <summary>Validates the request body with its FluentValidation validator before the handler runs.</summary>
    public static RouteHandlerBuilder Validate<TRequest>(this RouteHandlerBuilder builder) =>
        builder.AddEndpointFilter<ValidationFilter<TRequest>>().ProducesValidationProblem();
}
