using System.Net.Http.Json;
using EPI.Collab.Api.Features.ReferenceData;

namespace EPI.Collab.Tests.Features.ReferenceData;

[Trait(Lane.Name, Lane.Unit)]
public class PolicyAreasTests
{
    [Fact]
    public void the_icc_2019_index_has_twelve_areas_and_six_lens_sub_areas()
    {
        PolicyAreas.All.Count(a => a.ParentCode is null).ShouldBe(12);
        PolicyAreas.All.Where(a => a.ParentCode == "LENS").Select(a => a.Code)
            .ShouldBe(["EDU", "NEIGH", "PUBSERV", "BUS", "CULT", "PUBSPACE"]);
        PolicyAreas.All.ShouldAllBe(a => a.Taxonomy == "ICC_2019");
    }

    [Fact]
    public void only_participation_and_interaction_are_optional() =>
        PolicyAreas.All.Where(a => a.Optional).Select(a => a.Code).ShouldBe(["PART", "INTER"]);

    [Fact]
    public void every_area_and_theme_is_labelled_in_the_eight_languages()
    {
        var labelled = PolicyAreas.All.Select(a => a.Labels).Concat(EpiThemes.All.Select(t => t.Labels)).ToList();

        labelled.Count.ShouldBe(18 + 5);
        labelled.ShouldAllBe(labels => labels.Select(l => l.Lang).SequenceEqual(Languages.Core)
            && labels.All(l => !string.IsNullOrWhiteSpace(l.Text)));
        PolicyAreas.All.ShouldAllBe(a => a.Label == a.Labels[0].Text);
    }

    [Fact]
    public void the_crosswalk_names_existing_areas_and_both_sides_agree()
    {
        EpiThemes.All.Select(t => t.Code).ShouldBe(["INCLUSION", "HOUSING", "BASIC_SERVICES_HEALTH", "CULTURAL_EXCHANGE", "LABOUR_MARKET"]);
        EpiThemes.All.SelectMany(t => t.PolicyAreaCodes).ShouldAllBe(code => PolicyAreas.Exists(code));
        EpiThemes.All.Single(t => t.Code == "BASIC_SERVICES_HEALTH").PolicyAreaCodes.ShouldBe(["PUBSERV", "WELC"]);
        PolicyAreas.All.Single(a => a.Code == "BUS").EpiThemes.ShouldBe(["LABOUR_MARKET"]);
        foreach (var theme in EpiThemes.All)
            theme.PolicyAreaCodes.ShouldAllBe(code => PolicyAreas.All.Single(a => a.Code == code).EpiThemes.Contains(theme.Code));
    }
}

public class ReferenceDataEndpointTests(AppFixture app) : IntegrationTest(app)
{
    [Fact]
    public async Task policy_areas_keep_their_fields_and_themes_are_published_without_login()
    {
        var areas = await App.Client().GetFromJsonAsync<List<System.Text.Json.JsonElement>>("/api/policy-areas", Json.Options);
        var themes = await App.Client().GetFromJsonAsync<List<EpiTheme>>("/api/epi-themes", Json.Options);

        areas!.Count.ShouldBe(18);
        var bus = areas.Single(a => a.GetProperty("code").GetString() == "BUS");
        bus.GetProperty("label").GetString().ShouldBe("Business and labour market");
        bus.GetProperty("parentCode").GetString().ShouldBe("LENS");
        bus.GetProperty("optional").GetBoolean().ShouldBeFalse();
        bus.GetProperty("labels").GetArrayLength().ShouldBe(8);
        themes!.Select(t => t.Code).ShouldContain("LABOUR_MARKET");
        themes!.Single(t => t.Code == "HOUSING").PolicyAreaCodes.ShouldBe(["NEIGH"]);
    }
}
