using Microsoft.AspNetCore.Builder;

namespace M3CoreCrm.BuildingBlocks.Idempotency;

/// <summary>
/// Endpoint metadata: a success response of this endpoint carries a secret shown once (a new API key). Its
/// idempotency record keeps status, Location and ETag but no body, and a replay answers 409
/// <c>idempotency.secret_shown_once</c> naming the Location: a secret never rests in the idempotency table.
/// </summary>
public sealed class CarriesSecretMetadata
{
    public static readonly CarriesSecretMetadata Instance = new();

    private CarriesSecretMetadata()
    {
    }
}

public static class CarriesSecretEndpointExtensions
{
    /// <summary>Marks the endpoint's success responses as carrying a secret (see <see cref="CarriesSecretMetadata"/>).</summary>
    public static TBuilder CarriesSecret<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(CarriesSecretMetadata.Instance);
}
