namespace M3CoreCrm.Modules.Webhooks.Infrastructure;

/// <summary>Configuration section <c>Webhooks</c>.</summary>
internal sealed class WebhookOptions
{
    internal const string Section = "Webhooks";

    /// <summary>
    /// Networks (CIDR) deliveries may reach although the destination rules refuse them, e.g. an integrator's
    /// server on the operator's private network. Empty by default: public addresses only.
    /// </summary>
    public string[] AllowedNetworks { get; set; } = [];

    /// <summary>Whether a subscription's URL must be HTTPS; the host sets false in Development only.</summary>
    public bool RequireHttps { get; set; } = true;
}
