using System.Text.Json;
using EPI.Collab.Load;

namespace EPI.Collab.Tests.Load;

/// <summary>
/// The load driver's phones read a workshop message without building it (TallyGlance): what they read must be what
/// the whole message says, whatever order its fields come in and whatever else the data holds.
/// </summary>
[Trait(Lane.Name, Lane.Unit)]
public sealed class TallyGlanceTests
{
    private const string Tally = """
        {"id":"1f0b3c2a-0000-7000-8000-000000000001","workshopId":"1f0b3c2a-0000-7000-8000-000000000002","position":41,
         "type":"round.tallied","data":{"roundId":"1f0b3c2a-0000-7000-8000-000000000003","method":"Dot",
         "algorithmVersion":"tally-v1","status":"Open","options":[{"optionId":"x","score":7,"ballots":{"phone":99}}],
         "ballots":{"assisted":2,"phone":1234,"paper":0},"byGroup":[{"group":"Resident","ballots":5,"scores":[]}],
         "suppressedBallots":0,"tieRule":"Highest score first"},"at":"2026-12-06T04:30:01.123+00:00"}
        """;

    [Fact]
    public void a_tally_reads_as_the_whole_message_says()
    {
        TallyGlance.Forget();
        for (var n = 0; n < 2; n++) // the first one is also kept as the sample (read whole), the second is skimmed
        {
            var glance = JsonSerializer.Deserialize<TallyGlance>(Tally)!;
            glance.Type.ShouldBe("round.tallied");
            glance.Position.ShouldBe(41);
            glance.At.ShouldBe(DateTimeOffset.Parse("2026-12-06T04:30:01.123+00:00"));
            glance.PhoneBallots.ShouldBe(1234);
        }
        TallyGlance.Sample!.Value.GetProperty("data").GetProperty("tieRule").GetString().ShouldBe("Highest score first");
    }

    [Fact]
    public void the_data_may_come_before_the_type_and_only_a_tally_counts_ballots()
    {
        TallyGlance.Forget();
        JsonSerializer.Deserialize<TallyGlance>(Tally); // the sample is taken: what follows is skimmed
        var reordered = JsonSerializer.Deserialize<TallyGlance>(
            """{"data":{"ballots":{"phone":7}},"at":"2026-12-06T04:30:02+00:00","type":"round.tallied","position":3}""")!;
        reordered.PhoneBallots.ShouldBe(7);
        reordered.Position.ShouldBe(3);
        var counted = JsonSerializer.Deserialize<TallyGlance>(
            """{"position":4,"type":"round.counted","data":{"ballots":{"phone":7}},"at":"2026-12-06T04:30:02+00:00"}""")!;
        counted.Type.ShouldBe("round.counted");
        counted.PhoneBallots.ShouldBeNull();
        var proposal = JsonSerializer.Deserialize<TallyGlance>(
            """{"position":5,"type":"proposal.submitted","data":[1,{"a":[]}],"at":"2026-12-06T04:30:03+00:00"}""")!;
        proposal.PhoneBallots.ShouldBeNull();
        proposal.Position.ShouldBe(5);
    }

    [Fact]
    public void a_message_inside_a_hub_invocation_leaves_the_reader_after_it()
    {
        TallyGlance.Forget();
        JsonSerializer.Deserialize<TallyGlance>(Tally);
        // As the hub protocol reads arguments: the glance must end exactly on its message's closing brace.
        var both = JsonSerializer.Deserialize<TallyGlance[]>($"[{Tally},{Tally.Replace("\"position\":41", "\"position\":42")}]")!;
        both.Select(g => g.Position).ShouldBe([41L, 42L]);
        both.ShouldAllBe(g => g.PhoneBallots == 1234);
    }
}
