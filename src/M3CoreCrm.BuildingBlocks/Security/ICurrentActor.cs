namespace M3CoreCrm.BuildingBlocks.Security;

/// <summary>Who acts in the current unit of work: a user, an API key, or the system (CLI, jobs).</summary>
public interface ICurrentActor
{
    ActorKind Kind { get; }

    /// <summary>The user id, the API key id, or null for the system.</summary>
    Guid? Id { get; }

    /// <summary>The user a request acts for (the user itself, or null for API keys and the system).</summary>
    Guid? UserId { get; }

    Guid? SessionId { get; }

    string? IpAddress { get; }

    string? CorrelationId { get; }
}

public enum ActorKind
{
    System,
    User,
    ApiKey,
}
