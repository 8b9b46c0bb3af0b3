namespace EPI.Collab.Api.Features;

/// <summary>
/// What each <c>[Tags(...)]</c> group of the API is about, for the OpenAPI document. A new tag needs a line here: the
/// OpenAPI lint (tests/…/OpenApiLintTests) refuses a tag without a description.
/// </summary>
public static class ApiTags
{
    public static readonly IReadOnlyDictionary<string, string> Descriptions = new Dictionary<string, string>
    {
        ["Accounts"] = "Signing in: staff accounts get a bearer token.",
        ["Admission"] = "Who enters a live workshop: admission mode, participant cap, seat codes, admitting, refusing and removing participants, the room by group.",
        ["Audit"] = "Read-only checks for auditors and staff: the hash-chained event log, timelines, recounts, time travel and exports.",
        ["Cities"] = "The cities of the European Pact for Integration and their dashboards.",
        ["Comments"] = "Comments and replies on proposals during a workshop.",
        ["Cross-city"] = "Published material of every city side by side.",
        ["Decisions"] = "Decisions a workshop records from the results of its voting rounds.",
        ["Intercultural Review"] = "A city's Intercultural Review (ICC Index answers, area scores, priority areas), from start to publication.",
        ["Joining"] = "Phones joining a live workshop with its join code, and leaving it.",
        ["Live"] = "A workshop's live feed and board: what the room sees, numbered without gaps.",
        ["Operations"] = "Process metrics for operators.",
        ["Organisations"] = "The organisations a city works with (partners, NGOs, public bodies).",
        ["Personal data"] = "Subject access, erasure (crypto-shredding) and auditors' break-glass access to sealed texts.",
        ["Pilots"] = "Pilot actions under test: launch, status, observations and evaluation.",
        ["Public"] = "What a city has published, for residents: no login, no personal data, small groups suppressed.",
        ["Proposals"] = "Proposals written in a workshop: submitting, amending, clustering, merging, moderating.",
        ["Reference data"] = "Published reference data: policy areas, EPI themes, languages.",
        ["Strategy"] = "A city's integration strategy document, from draft to adoption.",
        ["Translations"] = "Translations of the room's texts into its session languages, by interpreters or a city-run machine translator.",
        ["Transfer"] = "Transfer activities (conferences, replication workshops, publications) and follower cities.",
        ["Voting"] = "Voting rounds: rules, ballots from phones and staff, paper tallies, results.",
        ["Workshops"] = "Scheduling, opening and running participatory workshops and their phases."
    };
}
