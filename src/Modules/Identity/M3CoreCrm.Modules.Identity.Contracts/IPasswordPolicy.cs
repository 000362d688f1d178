namespace M3CoreCrm.Modules.Identity.Contracts;

/// <summary>The tenant-wide password rules, for validators of other modules (e.g. tenant provisioning).</summary>
public interface IPasswordPolicy
{
    /// <summary>Null when acceptable, else the reason to show.</summary>
    string? Check(string password, string? email);
}
