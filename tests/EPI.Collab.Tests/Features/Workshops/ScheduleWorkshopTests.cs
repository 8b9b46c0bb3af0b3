using EPI.Collab.Api.Features.ReferenceData;
using EPI.Collab.Api.Features.Workshops;
using EPI.Collab.Api.Features.Workshops.Scheduling;
using EPI.Collab.Api.Infrastructure.Auth;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace EPI.Collab.Tests.Features.Workshops;

[Trait(Lane.Name, Lane.Unit)]
public class ScheduleWorkshopTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private static ScheduleWorkshop Valid() => new(WorkshopKind.PolicyDesignRoundTable, " Round table 2 ",
        [new LocalizedText("en", "What could the city do?"), new LocalizedText("ro", "Ce ar putea face orașul?")],
        ["ro", "en", "ro"], Now.AddDays(7), Now.AddDays(7).AddHours(2.5));

    [Fact]
    public void scheduling_records_who_when_and_what()
    {
        var actor = new Actor(Guid.CreateVersion7(), Roles.Facilitator);
        var id = Guid.CreateVersion7();

        var e = ScheduleWorkshopEndpoint.Decide(Valid(), "cluj-napoca", id, actor, Now);

        e.WorkshopId.ShouldBe(id);
        e.CityId.ShouldBe("cluj-napoca");
        e.Title.ShouldBe("Round table 2");
        e.Languages.ShouldBe(["ro", "en"]);
        e.FocusQuestion.Count.ShouldBe(2);
        e.ScheduledBy.ShouldBe(actor.Id);
        e.ScheduledByRole.ShouldBe(Roles.Facilitator);
        e.ScheduledAt.ShouldBe(Now);
    }

    [Fact]
    public void a_valid_command_has_no_problems() =>
        Valid().Check().ToProblem().ShouldBeSameAs(WolverineContinue.NoProblems);

    [Fact]
    public void every_invalid_field_is_named()
    {
        var command = Valid() with
        {
            Title = " ",
            FocusQuestion = [new LocalizedText("xx", "")],
            Languages = ["tlh"],
            EndsAt = Now.AddDays(6)
        };

        var problem = command.Check().ToProblem().ShouldBeOfType<ValidationProblemDetails>();

        problem.Status.ShouldBe(400);
        problem.Errors.Keys.ShouldBe(["title", "focusQuestion[0].lang", "focusQuestion[0].text", "languages[0]", "endsAt"],
            ignoreOrder: true);
    }

    [Fact]
    public void an_overlong_title_is_refused() =>
        (Valid() with { Title = new string('a', ScheduleWorkshop.MaxTitleLength + 1) }).Check().IsValid.ShouldBeFalse();
}
