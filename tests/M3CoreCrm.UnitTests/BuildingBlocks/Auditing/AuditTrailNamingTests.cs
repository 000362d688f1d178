using M3CoreCrm.BuildingBlocks.Auditing;
using M3CoreCrm.BuildingBlocks.Security;

namespace M3CoreCrm.UnitTests.BuildingBlocks.Auditing;

public sealed class AuditTrailNamingTests
{
    private sealed class LeadNote;

    private sealed class Lead;

    private sealed class APIKey;

    [Fact]
    public void Entity_types_are_named_as_the_api_spells_them()
    {
        Assert.Equal("lead", AuditTrail.EntityTypeName(typeof(Lead)));
        Assert.Equal("leadNote", AuditTrail.EntityTypeName(typeof(LeadNote)));
        Assert.Equal("apiKey", AuditTrail.EntityTypeName(typeof(APIKey)));
    }

    [Theory]
    [InlineData(ActorKind.User, "user")]
    [InlineData(ActorKind.ApiKey, "apiKey")]
    [InlineData(ActorKind.System, "system")]
    public void Actor_kinds_have_stable_names(ActorKind kind, string expected)
    {
        Assert.Equal(expected, AuditTrail.ActorKindName(kind));
    }
}
