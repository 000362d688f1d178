namespace M3CoreCrm.BuildingBlocks.Data;

/// <summary>Patterns for <c>EF.Functions.ILike</c> that treat the user's text literally (<c>%</c>, <c>_</c> escaped).</summary>
public static class LikePattern
{
    /// <summary>The escape character to pass to ILike along with the pattern.</summary>
    public const string Escape = "\\";

    /// <summary>"%text%" with the text's wildcards escaped: a case-insensitive contains search.</summary>
    public static string Contains(string text) => "%" + Literal(text.Trim()) + "%";

    /// <summary>The text with its wildcards escaped: with ILike, a case-insensitive equality.</summary>
    public static string Literal(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace("%", "\\%", StringComparison.Ordinal)
            .Replace("_", "\\_", StringComparison.Ordinal);
}
