namespace M3CoreCrm.BuildingBlocks.Http;

/// <summary>
/// Endpoint metadata for routes authorized by a shared key in a request header rather than a user's token (the
/// platform routes); the OpenAPI document describes it as an apiKey security scheme, so generated clients and
/// Swagger UI know to send it.
/// </summary>
public sealed record HeaderKeyAuthorization(string SchemeName, string HeaderName, string Description);
