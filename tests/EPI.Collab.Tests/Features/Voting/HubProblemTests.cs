using EPI.Collab.Api.Features.Voting;
using EPI.Collab.Api.Features.Voting.Casting;
using EPI.Collab.Api.Infrastructure;
using EPI.Collab.Api.Infrastructure.Contract;

namespace EPI.Collab.Tests.Features.Voting;

/// <summary>The hub's problem carries what the HTTP problem carries: status, code, stage, field errors and field codes.</summary>
[Trait(Lane.Name, Lane.Unit)]
public class HubProblemTests
{
    [Fact]
    public void a_contract_refusal_keeps_its_stage_its_fields_and_their_codes()
    {
        var problem = ContractDoor.Refused(new Validation().Add("marks", "Required.", "marks-required").ToProblem());

        var hub = HubProblem.From(problem);

        hub.Status.ShouldBe(400);
        hub.Code.ShouldBe("validation");
        hub.Stage.ShouldBe("contract");
        hub.Errors!["marks"].ShouldBe(["Required."]);
        hub.FieldCodes!["marks"].ShouldBe(["marks-required"]);
    }

    [Fact]
    public void a_refused_outcome_has_the_http_code_and_an_accepted_one_no_problem()
    {
        HubProblem.From(BallotAnswers.ToProblem(new BallotOutcome(null, BallotRefusal.IdempotencyKeyReused))!)
            .ShouldSatisfyAllConditions(p => p.Status.ShouldBe(422), p => p.Code.ShouldBe("idempotency-key-reused"), p => p.Stage.ShouldBeNull());
        HubProblem.From(BallotAnswers.ToProblem(new BallotOutcome(null, BallotRefusal.Unavailable))!).Status.ShouldBe(503);
        BallotAnswers.ToProblem(new BallotOutcome(new BallotAccepted(Guid.CreateVersion7(), Guid.CreateVersion7(), 1, DateTimeOffset.UnixEpoch), null))
            .ShouldBeNull();
    }
}
