namespace M3CoreCrm.BuildingBlocks.Security;

/// <summary>The actor of commands and background jobs.</summary>
public sealed class SystemActor : ICurrentActor
{
    public static readonly SystemActor Instance = new();

    public ActorKind Kind => ActorKind.System;

    public Guid? Id => null;

    public Guid? UserId => null;

    public Guid? SessionId => null;

    public string? IpAddress => null;

    public string? CorrelationId => null;
}
