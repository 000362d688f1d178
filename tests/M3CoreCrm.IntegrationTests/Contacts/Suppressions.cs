using System.Diagnostics.CodeAnalysis;

// Request bodies are written inline as anonymous objects with array literals; each runs once per test.
[assembly: SuppressMessage("Performance", "CA1861:Avoid constant arrays as arguments", Justification = "Inline test request bodies.",
    Scope = "namespaceanddescendants", Target = "~N:M3CoreCrm.IntegrationTests.Contacts")]
