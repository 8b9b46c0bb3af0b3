using System.Text.Json;
using EPI.Collab.Client;

namespace EPI.Collab.Tests;

/// <summary>
/// The edge between the test scenarios and the typed client: the scenario helpers do their HTTP through
/// <see cref="CollabClient"/>, while the test bodies keep the API's own records. A record crosses the edge by its wire
/// form (the client's JSON in, the service's JSON out), so a member the two sides disagree on fails the test.
/// </summary>
public static class Typed
{
    /// <summary>The typed client over a test <see cref="HttpClient"/> (which already carries its caller's token).</summary>
    public static CollabClient Api(this HttpClient http) => new(http);

    /// <summary>An API record as the client's twin (a request on its way out).</summary>
    public static T ToClient<T>(object apiRecord) =>
        JsonSerializer.Deserialize<T>(JsonSerializer.Serialize(apiRecord, apiRecord.GetType(), Json.Options), CollabClient.Json)!;

    /// <summary>A client record as the API's twin (an answer on its way back to a test body).</summary>
    public static T ToApi<T>(object clientRecord) =>
        JsonSerializer.Deserialize<T>(JsonSerializer.Serialize(clientRecord, clientRecord.GetType(), CollabClient.Json), Json.Options)!;
}
