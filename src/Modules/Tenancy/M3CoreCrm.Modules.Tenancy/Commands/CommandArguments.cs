namespace M3CoreCrm.Modules.Tenancy.Commands;

/// <summary>"--name value" pairs of a CLI command.</summary>
internal sealed class CommandArguments(IReadOnlyList<string> arguments)
{
    public string? this[string name]
    {
        get
        {
            for (var i = 0; i < arguments.Count - 1; i++)
            {
                if (arguments[i] == "--" + name)
                {
                    return arguments[i + 1];
                }
            }

            return null;
        }
    }
}
