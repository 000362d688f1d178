namespace M3CoreCrm.BuildingBlocks.Data;

/// <summary>A module context's schema, known before any instance exists (for its migrations history table).</summary>
public interface IModuleSchema
{
    static abstract string SchemaName { get; }
}
