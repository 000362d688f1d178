using M3CoreCrm.BuildingBlocks.Http;

namespace M3CoreCrm.UnitTests.BuildingBlocks.Http;

public sealed class ProblemsTests
{
    [Theory]
    [InlineData(400, "request.invalid")]
    [InlineData(401, "auth.unauthenticated")]
    [InlineData(403, "auth.forbidden")]
    [InlineData(404, "route.not_found")]
    [InlineData(405, "request.method_not_allowed")]
    [InlineData(406, "request.not_acceptable")]
    [InlineData(409, "request.conflict")]
    [InlineData(411, "request.length_required")]
    [InlineData(412, "request.precondition_failed")]
    [InlineData(413, "request.body_too_large")]
    [InlineData(415, "request.unsupported_media_type")]
    [InlineData(422, "request.unprocessable")]
    [InlineData(429, "rate_limit.exceeded")]
    [InlineData(500, "server.error")]
    [InlineData(502, "server.error")]
    [InlineData(503, "service.unavailable")]
    [InlineData(418, "request.failed")]
    public void DefaultCode_gives_each_status_a_stable_code(int status, string code)
    {
        Assert.Equal(code, Problems.DefaultCode(status));
    }

    [Fact]
    public void TypeOf_is_a_stable_urn_per_code()
    {
        Assert.Equal("urn:m3core:problem:lead.not_found", Problems.TypeOf("lead.not_found"));
        Assert.True(Uri.IsWellFormedUriString(Problems.TypeOf("paging.invalid_cursor"), UriKind.Absolute));
    }

    [Fact]
    public void NotFound_codes_after_the_entity_and_names_the_id()
    {
        var id = Guid.CreateVersion7();

        var problem = Problems.NotFound("lead", id);

        Assert.Equal((404, "lead.not_found"), (problem.Status, problem.Code));
        Assert.Contains(id.ToString(), problem.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void The_factories_use_their_status()
    {
        Assert.Equal(400, Problems.BadRequest("x.y", "d").Status);
        Assert.Equal(401, Problems.Unauthorized("x.y", "d").Status);
        Assert.Equal(403, Problems.Forbidden("x.y", "d").Status);
        Assert.Equal(409, Problems.Conflict("x.y", "d").Status);
        Assert.Equal((412, "request.precondition_failed"), (Problems.PreconditionFailed("d").Status, Problems.PreconditionFailed("d").Code));
    }
}
