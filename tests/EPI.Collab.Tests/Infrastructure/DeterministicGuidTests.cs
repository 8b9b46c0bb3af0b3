using EPI.Collab.Api.Features.Cities;
using EPI.Collab.Api.Infrastructure;

namespace EPI.Collab.Tests.Infrastructure;

[Trait(Lane.Name, Lane.Unit)]
public class DeterministicGuidTests
{
    private static readonly Guid DnsNamespace = new("6ba7b810-9dad-11d1-80b4-00c04fd430c8");

    [Fact]
    public void matches_the_rfc_9562_version_5_test_vector() =>
        DeterministicGuid.Create(DnsNamespace, "www.example.com").ShouldBe(new Guid("2ed6657d-e927-568b-95e1-2665a8aea6a2"));

    [Fact]
    public void city_stream_ids_are_stable_and_distinct()
    {
        CityStream.Id("riga").ShouldBe(CityStream.Id("riga"));
        CityStream.Id("riga").ShouldNotBe(CityStream.Id("lublin"));
        CityStream.Id("riga").Version.ShouldBe(5);
    }
}
