using System.Text.Json;
using EPI.Collab.Tests.Features.Voting;
using Npgsql;

namespace EPI.Collab.Tests.Features.Audit;

/// <summary>Small helpers for audit tests: an auditor's client on a room's city, and the head of the event log.</summary>
public static class AuditScenarios
{
    public static async Task<HttpClient> Auditor(this VotingRoom room) => await room.Workshop.App.ClientFor("auditor");

    public static string AuditUrl(this VotingRoom room) => $"/api/cities/{room.Workshop.CityId}/audit";

    /// <summary>The highest sequence and the latest timestamp of the log right now.</summary>
    public static async Task<(long Sequence, DateTimeOffset At)> LogHead(this AppFixture app)
    {
        await using var connection = new NpgsqlConnection(app.Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select max(seq_id), max(timestamp) from epi.mt_events", connection);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetFieldValue<DateTimeOffset>(1));
    }

    public static string Canonical<T>(T value) => JsonSerializer.Serialize(value, Json.Options);
}
