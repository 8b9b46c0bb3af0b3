using EPI.Collab.Api.Infrastructure.Auth;

namespace EPI.Collab.Tests.Infrastructure;

[Trait(Lane.Name, Lane.Unit)]
public class SigningKeyTests
{
    [Fact]
    public void a_development_key_is_generated_once_and_read_back_after_a_restart()
    {
        var dir = Path.Combine(Path.GetTempPath(), $"epi-key-{Guid.NewGuid():N}");
        var path = Path.Combine(dir, "nested", "dev-signing-key");
        try
        {
            var first = SigningKeyHolder.KeptKey(path);
            var again = SigningKeyHolder.KeptKey(path);

            first.Length.ShouldBe(32);
            again.ShouldBe(first);
            if (!OperatingSystem.IsWindows())
                File.GetUnixFileMode(path).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
            SigningKeyHolder.KeptKey(Path.Combine(dir, "other")).ShouldNotBe(first);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
