using System.Security.Claims;
using Microsoft.AspNetCore.Http;

namespace M3CoreCrm.BuildingBlocks.Security;

/// <summary>Reads the actor from the authenticated principal of the current request.</summary>
internal sealed class HttpCurrentActor(IHttpContextAccessor accessor) : ICurrentActor
{
    private HttpContext? Context => accessor.HttpContext;

    private ClaimsPrincipal? User => Context?.User;

    public ActorKind Kind => User?.FindFirstValue(CrmClaims.ApiKeyId) is not null ? ActorKind.ApiKey
        : User?.FindFirstValue(CrmClaims.Subject) is not null ? ActorKind.User
        : ActorKind.System;

    public Guid? Id => Kind switch
    {
        ActorKind.User => UserId,
        ActorKind.ApiKey => ParseGuid(CrmClaims.ApiKeyId),
        _ => null,
    };

    public Guid? UserId => Kind == ActorKind.User ? ParseGuid(CrmClaims.Subject) : null;

    public Guid? SessionId => ParseGuid(CrmClaims.SessionId);

    public string? IpAddress => Context?.Connection.RemoteIpAddress?.ToString();

    public string? CorrelationId => Context?.Items[CorrelationIdKey] as string ?? Context?.TraceIdentifier;

    internal const string CorrelationIdKey = "m3.correlation_id";

    private Guid? ParseGuid(string claim) =>
        Guid.TryParse(User?.FindFirstValue(claim), out var id) ? id : null;
}
