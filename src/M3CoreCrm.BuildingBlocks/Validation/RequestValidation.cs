using FluentValidation;
using M3CoreCrm.BuildingBlocks.Http;

namespace M3CoreCrm.BuildingBlocks.Validation;

/// <summary>Validation inside a handler (patched records, batch items), answering like the validation filter.</summary>
public static class RequestValidation
{
    public static async Task EnsureValidAsync<T>(this IValidator<T> validator, T request, CancellationToken cancellationToken)
    {
        var result = await validator.ValidateAsync(request, cancellationToken);
        if (!result.IsValid)
        {
            throw Problems.Validation(result.Errors
                .GroupBy(e => ValidationFilter<T>.FieldName(e.PropertyName))
                .ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).Distinct().ToArray()));
        }
    }
}
