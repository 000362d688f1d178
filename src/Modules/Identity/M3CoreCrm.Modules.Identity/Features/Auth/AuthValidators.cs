using FluentValidation;
using M3CoreCrm.Modules.Identity.Infrastructure.Passwords;
using M3CoreCrm.Modules.Identity.Infrastructure.Tokens;

namespace M3CoreCrm.Modules.Identity.Features.Auth;

internal sealed class LoginValidator : AbstractValidator<LoginRequest>
{
    public LoginValidator()
    {
        // Bounded before any hashing: an oversized password never reaches Argon2.
        RuleFor(r => r.Tenant).NotEmpty().MaximumLength(63);
        RuleFor(r => r.Email).NotEmpty().MaximumLength(254);
        RuleFor(r => r.Password).NotEmpty().MaximumLength(PasswordPolicy.MaxLength);
    }
}

internal sealed class RefreshValidator : AbstractValidator<RefreshRequest>
{
    public RefreshValidator() => RuleFor(r => r.RefreshToken).MaximumLength(RefreshTokenCodec.MaxLength);
}
