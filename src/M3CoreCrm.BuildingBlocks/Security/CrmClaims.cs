namespace M3CoreCrm.BuildingBlocks.Security;

/// <summary>Claim names of access tokens and API-key principals.</summary>
public static class CrmClaims
{
    public const string Subject = "sub";
    public const string TenantId = "tid";
    public const string SessionId = "sid";
    public const string TokenId = "jti";
    public const string ApiKeyId = "kid_api";
}
