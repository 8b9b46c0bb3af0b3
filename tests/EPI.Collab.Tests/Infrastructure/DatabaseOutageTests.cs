using System.Net;
using Npgsql;

namespace EPI.Collab.Tests.Infrastructure;

/// <summary>A service host of its own whose only way to PostgreSQL is a proxy the test can cut.</summary>
public sealed class OutageFixture : AppFixture
{
    private SwitchableTcpProxy? _proxy;
    public SwitchableTcpProxy Proxy => _proxy!;

    protected override string AppConnectionString
    {
        get
        {
            var target = new NpgsqlConnectionStringBuilder(Database.ConnectionString);
            _proxy ??= new SwitchableTcpProxy(target.Host!, target.Port);
            if (_proxy.Port == 0) _proxy.Start();
            // A cut proxy refuses connections at once, so the connect timeout only bounds a slow start: 2 s failed the host's
            // start-up (schema setup through the proxy) while the whole suite's hosts started together on 2 cores.
            return new NpgsqlConnectionStringBuilder(target.ConnectionString)
            {
                Host = "127.0.0.1", Port = _proxy.Port, Timeout = 15, CommandTimeout = 5
            }.ConnectionString;
        }
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (_proxy is not null) await _proxy.DisposeAsync();
    }
}

public class DatabaseOutageTests(OutageFixture app) : IClassFixture<OutageFixture>
{
    private async Task<HttpStatusCode> EventuallyAnswers(string path, HttpStatusCode expected)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        HttpStatusCode last;
        do
        {
            last = (await app.Client().GetAsync(path)).StatusCode;
            if (last == expected) return last;
            await Task.Delay(200);
        } while (DateTime.UtcNow < deadline);
        return last;
    }

    [Fact]
    public async Task ready_fails_while_the_database_is_unreachable_and_recovers_by_itself()
    {
        (await app.Client().GetAsync("/health/ready")).StatusCode.ShouldBe(HttpStatusCode.OK);

        app.Proxy.Cut();
        try
        {
            (await EventuallyAnswers("/health/ready", HttpStatusCode.ServiceUnavailable)).ShouldBe(HttpStatusCode.ServiceUnavailable);
            (await app.Client().GetAsync("/health/live")).StatusCode.ShouldBe(HttpStatusCode.OK);

            // Two failures within the sampling window (Polly's minimum throughput) open the circuit.
            foreach (var _ in Enumerable.Range(0, 2))
            {
                var api = await app.Client().GetAsync("/api/cities");
                api.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
                api.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
                api.Headers.RetryAfter.ShouldNotBeNull();
            }

            // The circuit is open: the next requests are answered at once, without trying the database.
            var shed = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => app.Client().GetAsync("/api/cities")));
            shed.ShouldAllBe(r => r.StatusCode == HttpStatusCode.ServiceUnavailable && r.Headers.RetryAfter != null);
            foreach (var response in shed) (await response.Content.ReadAsStringAsync()).ShouldContain("\"circuit\":\"open\"");
        }
        finally
        {
            app.Proxy.Start();
        }

        (await EventuallyAnswers("/health/ready", HttpStatusCode.OK)).ShouldBe(HttpStatusCode.OK);
        (await EventuallyAnswers("/api/cities", HttpStatusCode.OK)).ShouldBe(HttpStatusCode.OK);
    }
}
