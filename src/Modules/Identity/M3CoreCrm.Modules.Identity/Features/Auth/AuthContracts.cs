using FluentValidation;
using M3CoreCrm.Modules.Identity.Passwords;
using M3CoreCrm.Modules.Identity.Tokens;

namespace M3CoreCrm.Modules.Identity.Features.Auth;

/// <summary>Credentials of one tenant's user.</summary>
internal sealed record LoginRequest(string Tenant, string Email, string Password);

internal sealed record RefreshRequest(string RefreshToken);

/// <summary>An access token (JWT, seconds until it expires) and the refresh token that renews it.</summary>
internal sealed record TokenResponse(string AccessToken, string RefreshToken, int ExpiresIn, string TokenType);

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
    public RefreshValidator() => RuleFor(r => r.RefreshToken).NotEmpty().MaximumLength(RefreshTokenCodec.MaxLength);
}
