namespace M3CoreCrm.BuildingBlocks.Modules;

/// <summary>A command of the host's CLI (<c>M3CoreCrm.Api &lt;name&gt; ...</c>) that a module contributes.</summary>
public interface IHostCommand
{
    /// <summary>The first argument that selects it, e.g. "tenant".</summary>
    string Name { get; }

    /// <summary>Usage text shown for wrong arguments.</summary>
    string Usage { get; }

    /// <summary>Runs in a fresh service scope; returns the process exit code.</summary>
    Task<int> RunAsync(IReadOnlyList<string> arguments, IServiceProvider services, CancellationToken cancellationToken);
}
