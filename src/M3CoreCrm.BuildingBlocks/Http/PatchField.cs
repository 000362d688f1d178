using System.Text.Json;
using System.Text.Json.Serialization;

namespace M3CoreCrm.BuildingBlocks.Http;

/// <summary>
/// A member of a JSON merge patch (RFC 7396) body: absent (<see cref="IsSet"/> false, nothing changes), or present
/// with a value, which may be null (the field is cleared). The OpenAPI document shows it as the plain
/// <typeparamref name="T"/>.
/// </summary>
[JsonConverter(typeof(PatchFieldJsonConverterFactory))]
public readonly record struct PatchField<T>
{
    public PatchField(T value)
    {
        Value = value;
        IsSet = true;
    }

    /// <summary>The value sent; default when the member was absent.</summary>
    public T Value { get; }

    /// <summary>Whether the member was present in the body.</summary>
    public bool IsSet { get; }

    /// <summary>The value sent, or <paramref name="current"/> when the member was absent.</summary>
    public T Or(T current) => IsSet ? Value : current;
}

/// <summary>Reads a present member (null included) as a set <see cref="PatchField{T}"/>; absent ones stay unset.</summary>
public sealed class PatchFieldJsonConverterFactory : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) =>
        typeToConvert.IsGenericType && typeToConvert.GetGenericTypeDefinition() == typeof(PatchField<>);

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(PatchFieldJsonConverter<>).MakeGenericType(typeToConvert.GetGenericArguments()[0]))!;

    private sealed class PatchFieldJsonConverter<T> : JsonConverter<PatchField<T>>
    {
        public override bool HandleNull => true;

        public override PatchField<T> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            new(JsonSerializer.Deserialize<T>(ref reader, options)!);

        public override void Write(Utf8JsonWriter writer, PatchField<T> value, JsonSerializerOptions options) =>
            JsonSerializer.Serialize(writer, value.Value, options);
    }
}
