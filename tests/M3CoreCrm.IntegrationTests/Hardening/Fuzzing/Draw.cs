using CsCheck;

namespace M3CoreCrm.IntegrationTests.Hardening.Fuzzing;

/// <summary>Draws values from CsCheck generators with one PCG stream: the same seed and stream give the same cases.</summary>
internal sealed class Draw(PCG pcg)
{
    internal T From<T>(Gen<T> gen) => gen.Generate(pcg, null, out _);

    internal bool Chance(int percent) => pcg.Next(100) < (uint)percent;

    internal int Below(int exclusive) => (int)pcg.Next((uint)exclusive);

    internal T OneOf<T>(IReadOnlyList<T> items) => items[Below(items.Count)];

    internal Guid Guid() => From(Gen.Guid);
}
