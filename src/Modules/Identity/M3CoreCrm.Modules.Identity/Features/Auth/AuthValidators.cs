using FluentValidation;
using M3CoreCrm.Modules.Identity.Infrastructure.Passwords;
using M3CoreCrm.Modules.Identity.Infrastructure.Tokens;

namespace M3CoreCrm.Modules.Identity.Features.Auth;

internal sealed class LoginValidator : AbstractValidator<LoginRequest>
{
    public LoginValidator()
    {
        // Bounded before any hashing: an oversized password never reaches Argon2.
        // Both are looked up in PostgreSQL, which refuses a NUL in text: a control character is bad input, not a 500.
        RuleFor(r => r.Tenant).NotEmpty().MaximumLength(63).Must(NoControlCharacter).WithMessage("'Tenant' must not contain control characters.");
        RuleFor(r => r.Email).NotEmpty().MaximumLength(254).Must(NoControlCharacter).WithMessage("'Email' must not contain control characters.");
        RuleFor(r => r.Password).NotEmpty().MaximumLength(PasswordPolicy.MaxLength);
    }

    private static bool NoControlCharacter(string? text) => text is null || !text.Any(char.IsControl);
}

internal sealed class RefreshValidator : AbstractValidator<RefreshRequest>
{
    public RefreshValidator() => RuleFor(r => r.RefreshToken).MaximumLength(RefreshTokenCodec.MaxLength);
}
