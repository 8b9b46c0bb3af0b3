using EPI.Collab.Api.Realtime;

namespace EPI.Collab.Tests.Realtime;

/// <summary>The shared array pool's size the service starts with (Realtime/PipeBuffers.cs).</summary>
[Trait(Lane.Name, Lane.Unit)]
public sealed class PipeBuffersTests
{
    [Theory]
    [InlineData(null, "8192")]
    [InlineData("", "8192")]
    [InlineData("  ", "8192")]
    [InlineData("32", "32")]
    [InlineData("100000", "100000")]
    public void the_operators_value_wins_else_a_room_of_thousands_fits(string? configured, string expected) =>
        PipeBuffers.Setting(configured).ShouldBe(expected);
}
