using System.Reflection;
using EPI.Collab.Tests.Reliability;
using EPI.Collab.Tests.Web;

namespace EPI.Collab.Tests;

/// <summary>
/// Every test class is in the lane that matches what it needs, so <c>./ops/test.sh unit</c> never waits for a database
/// and <c>./ops/test.sh integration</c> never starts a browser or a drill.
/// </summary>
[Trait(Lane.Name, Lane.Unit)]
public class LaneTests
{
    private static readonly Type[] TestClasses = typeof(LaneTests).Assembly.GetTypes()
        .Where(t => t is { IsClass: true, IsAbstract: false } && t.GetMethods().Any(IsTest)).ToArray();

    private static bool IsTest(MethodInfo method) =>
        method.GetCustomAttributes<FactAttribute>(inherit: true).Any();

    private static string? TraitValue(Type type) =>
        type.GetCustomAttributesData().Where(a => a.AttributeType == typeof(TraitAttribute))
            .Select(a => (Key: a.ConstructorArguments[0].Value as string, Value: a.ConstructorArguments[1].Value as string))
            .FirstOrDefault(t => t.Key == Lane.Name).Value;

    /// <summary>Takes a fixture (the test host, a browser, a database) or shares a collection of them.</summary>
    private static bool NeedsFixtures(Type type) =>
        typeof(IntegrationTest).IsAssignableFrom(type)
        || type.GetCustomAttributes<CollectionAttribute>().Any()
        || type.GetConstructors().Any(c => c.GetParameters().Any(p => p.ParameterType != typeof(Xunit.Abstractions.ITestOutputHelper)));

    [Fact]
    public void every_test_class_without_fixtures_declares_its_lane()
    {
        var undeclared = TestClasses.Where(t => !NeedsFixtures(t) && TraitValue(t) is null).Select(t => t.FullName).ToList();
        undeclared.ShouldBeEmpty("Mark a pure test class [Trait(Lane.Name, Lane.Unit)], or Lane.Integration when it reaches a database itself.");
    }

    [Fact]
    public void unit_tests_take_no_fixture()
    {
        TestClasses.Where(t => TraitValue(t) == Lane.Unit && NeedsFixtures(t)).Select(t => t.FullName).ShouldBeEmpty();
    }

    [Fact]
    public void browser_tests_and_drills_are_in_their_own_lanes()
    {
        var browsers = TestClasses.Where(t => typeof(IClassFixture<Browser>).IsAssignableFrom(t)).ToList();
        browsers.ShouldNotBeEmpty();
        browsers.Where(t => TraitValue(t) != Lane.Browser).Select(t => t.FullName).ShouldBeEmpty();

        var drills = TestClasses.Where(InDrillCollection).ToList();
        drills.ShouldNotBeEmpty();
        drills.Where(t => TraitValue(t) != Lane.Drills).Select(t => t.FullName).ShouldBeEmpty();
    }

    private static bool InDrillCollection(Type type) =>
        type.GetCustomAttributesData().Any(a => a.AttributeType == typeof(CollectionAttribute)
            && (string?)a.ConstructorArguments[0].Value == DrillCollection.Name);
}
