namespace M3CoreCrm.BuildingBlocks.Data;

/// <summary>A record addressed by a Guid id in its routes, so one find-or-404 serves every module.</summary>
public interface IEntity
{
    Guid Id { get; }
}
