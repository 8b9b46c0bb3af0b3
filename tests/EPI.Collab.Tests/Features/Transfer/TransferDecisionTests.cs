using EPI.Collab.Api.Features.ReferenceData;
using EPI.Collab.Api.Features.Transfer;
using EPI.Collab.Api.Features.Transfer.ChangingInterest;
using EPI.Collab.Api.Features.Transfer.Correcting;
using EPI.Collab.Api.Features.Transfer.GettingProgress;
using EPI.Collab.Api.Features.Transfer.Recording;
using EPI.Collab.Api.Features.Transfer.RegisteringFollowers;
using EPI.Collab.Api.Infrastructure.Auth;

namespace EPI.Collab.Tests.Features.Transfer;

[Trait(Lane.Name, Lane.Unit)]
public class TransferDecisionTests
{
    private static readonly Actor Staff = new(Guid.CreateVersion7(), Roles.Coordinator);
    private static readonly DateTimeOffset Now = new(2022, 4, 1, 10, 0, 0, TimeSpan.Zero);
    private const string Cluj = "cluj-napoca";

    private static TransferActivity Recorded(TransferActivityKind kind, int audience = 10) =>
        TransferActivity.Create(RecordTransferActivityEndpoint.Decide(TransferScenarios.Activity(kind, audience), Cluj, Guid.CreateVersion7(), Staff, Now));

    private static FollowerCity Follower(InterestLevel level) => FollowerCity.Create(RegisterFollowerCityEndpoint.Decide(
        TransferScenarios.Oradea() with { InterestLevel = level }, Cluj, Guid.CreateVersion7(), Staff, Now));

    [Fact]
    public void recording_trims_and_keeps_the_audience_as_a_count()
    {
        var e = RecordTransferActivityEndpoint.Decide(TransferScenarios.Activity() with { Location = "  Turda " }, Cluj, Guid.CreateVersion7(), Staff, Now);

        e.ShouldSatisfyAllConditions(x => x.Location.ShouldBe("Turda"), x => x.AudienceCount.ShouldBe(25), x => x.CityId.ShouldBe(Cluj),
            x => x.By.ShouldBe(Staff.Id), x => x.At.ShouldBe(Now));
    }

    [Fact]
    public void a_correction_replaces_the_values()
    {
        var activity = Recorded(TransferActivityKind.Video);
        var corrected = activity.Apply(CorrectTransferActivityEndpoint.Decide(
            CorrectTransferActivity.Example with { Kind = TransferActivityKind.Report, AudienceCount = 300 }, activity, Staff, Now.AddDays(1)));

        corrected.ShouldSatisfyAllConditions(a => a.Kind.ShouldBe(TransferActivityKind.Report), a => a.AudienceCount.ShouldBe(300),
            a => a.LastChangedAt.ShouldBe(Now.AddDays(1)), a => a.RecordedAt.ShouldBe(Now));
    }

    [Theory]
    [InlineData("", 10, "location")]
    [InlineData("Turda", -1, "audienceCount")]
    public void an_activity_needs_a_location_and_a_non_negative_audience(string location, int audience, string field)
    {
        (TransferScenarios.Activity() with { Location = location, AudienceCount = audience }).Check().Fields().ShouldBe([field]);
    }

    [Fact]
    public void material_addresses_must_be_absolute_web_addresses()
    {
        (TransferScenarios.Activity() with { Materials = [new Material("Slides", "slides.pdf")], Title = [] }).Check().Fields().Order()
            .ShouldBe(["materials[0].url", "title"]);
    }

    [Fact]
    public void progress_counts_each_target_kind_and_says_whether_it_is_met()
    {
        var progress = TransferProgress.Of(Cluj, [
            Recorded(TransferActivityKind.NationalConference, 120), .. Enumerable.Range(0, 3).Select(_ => Recorded(TransferActivityKind.ReplicationWorkshop, 20)),
            Recorded(TransferActivityKind.Video), Recorded(TransferActivityKind.Video)]);

        progress.Targets.ShouldBe([
            new TargetProgress(TransferActivityKind.NationalConference, 1, 1, true, 120),
            new TargetProgress(TransferActivityKind.ReplicationWorkshop, 3, 4, false, 60),
            new TargetProgress(TransferActivityKind.EuConference, 0, 1, false, 0)]);
        progress.Other.ShouldBe([new KindCount(TransferActivityKind.Video, 2)]);
    }

    [Fact]
    public void four_replication_workshops_meet_their_target()
    {
        var progress = TransferProgress.Of(Cluj, Enumerable.Range(0, 4).Select(_ => Recorded(TransferActivityKind.ReplicationWorkshop)));

        progress.Targets.Single(t => t.Kind == TransferActivityKind.ReplicationWorkshop).Met.ShouldBeTrue();
    }

    [Fact]
    public void a_follower_is_mentored_by_the_owning_city_unless_another_epi_city_is_named()
    {
        RegisterFollowerCityEndpoint.Decide(TransferScenarios.Oradea(), Cluj, Guid.CreateVersion7(), Staff, Now).MentorCityId.ShouldBe(Cluj);
        RegisterFollowerCityEndpoint.Decide(TransferScenarios.Oradea() with { MentorCityId = "riga" }, Cluj, Guid.CreateVersion7(), Staff, Now)
            .MentorCityId.ShouldBe("riga");
    }

    [Theory]
    [InlineData("ro", "country")]
    [InlineData("ROU", "country")]
    public void the_country_is_an_iso_alpha_2_code(string country, string field) =>
        (TransferScenarios.Oradea() with { Country = country }).Check().Fields().ShouldBe([field]);

    [Fact]
    public void a_mentor_outside_the_consortium_and_an_empty_method_list_are_refused() =>
        (TransferScenarios.Oradea() with { MentorCityId = "budapest", MethodsOfInterest = [] }).Check().Fields().Order()
            .ShouldBe(["mentorCityId", "methodsOfInterest"]);

    [Theory]
    [InlineData(InterestLevel.Aware, InterestLevel.Interested, true)]
    [InlineData(InterestLevel.Committed, InterestLevel.Interested, true)]
    [InlineData(InterestLevel.Aware, InterestLevel.Committed, false)]
    [InlineData(InterestLevel.Replicating, InterestLevel.Interested, false)]
    [InlineData(InterestLevel.Interested, InterestLevel.Interested, false)]
    public void interest_moves_one_step_forward_or_back(InterestLevel from, InterestLevel to, bool allowed) =>
        (ChangeInterestLevelEndpoint.Refusal(new ChangeInterestLevel(1, to, "note"), Follower(from)) is null).ShouldBe(allowed);

    [Fact]
    public void an_interest_change_records_both_levels_and_the_note()
    {
        var follower = Follower(InterestLevel.Interested);
        var e = ChangeInterestLevelEndpoint.Decide(new ChangeInterestLevel(1, InterestLevel.Committed, " council motion "), follower, Staff, Now);

        e.ShouldSatisfyAllConditions(x => x.From.ShouldBe(InterestLevel.Interested), x => x.To.ShouldBe(InterestLevel.Committed),
            x => x.Note.ShouldBe("council motion"));
        follower.Apply(e).InterestLevel.ShouldBe(InterestLevel.Committed);
    }
}
