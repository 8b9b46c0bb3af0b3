using System.Net.Http.Headers;
using System.Net.Http.Json;
using EPI.Collab.Api.Features.Accounts.LoggingIn;
using EPI.Collab.Api.Features.Cities.Registering;
using EPI.Collab.Api.Realtime;
using JasperFx.CommandLine;
using Marten;
using Marten.Events;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using EPI.Collab.Api.Features.Live;

namespace EPI.Collab.Tests;

/// <summary>
/// One service host per test run, on real Kestrel (real sockets) and a fresh PostgreSQL database of its own
/// on the server that ./ops/test.sh started (ConnectionStrings__Marten). Tests reset the data before they run.
/// </summary>
public class AppFixture : IAsyncLifetime
{
    public const string SigningKey = "test-signing-key-of-at-least-32-characters!";

    static AppFixture() => JasperFxEnvironment.AutoStartHost = true;

    private WebApplicationFactory<Program>? _factory;
    public TestDatabase Database { get; } = new();
    public WebApplicationFactory<Program> Factory => _factory ?? throw new InvalidOperationException("Not started");
    public IServiceProvider Services => Factory.Services;
    public IDocumentStore Store => Services.GetRequiredService<IDocumentStore>();
    public Uri BaseAddress => Factory.ClientOptions.BaseAddress;

    /// <summary>
    /// Every projection has caught up, and the live relay has committed every event committed so far and owes no
    /// coalesced count or tally (those may trail the relay's progress by one batch).
    /// </summary>
    public async Task RelaySettled()
    {
        await Store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(15));
        await using var session = Store.QuerySession();
        var newest = (await session.AdvancedSql.QueryAsync<long>("select coalesce(max(seq_id), 0) from epi.mt_events", CancellationToken.None)).Single();
        var status = Services.GetRequiredService<EPI.Collab.Api.Features.Live.RelayStatus>();
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (status.Last is var last && (last.Ceiling < newest || last.Owed > 0))
        {
            if (waited.Elapsed > TimeSpan.FromSeconds(15))
                throw new TimeoutException($"The live relay is at {last.Ceiling} of {newest} and owes {last.Owed} messages.");
            await Task.Delay(20);
        }
    }

    /// <summary>The connection string the service is given; a subclass may route it through a proxy.</summary>
    protected virtual string AppConnectionString => Database.ConnectionString;

    /// <summary>
    /// Settings of the host. Rate limits are off for the shared host: the whole suite joins and votes from one address;
    /// the rate-limit tests run their own host with small limits.
    /// </summary>
    protected virtual IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string> { ["RateLimits:Enabled"] = "false" };

    public virtual async Task InitializeAsync()
    {
        await Database.CreateAsync();
        StartHost();
        await ResetAsync();
    }

    /// <summary>Stops the host and starts a new one on the same database (a service restart); the data stay.</summary>
    public async Task RestartAsync()
    {
        if (_factory is not null) await _factory.DisposeAsync();
        StartHost();
    }

    private void StartHost()
    {
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Development");
            b.UseUrls("http://127.0.0.1:0");
            b.UseSetting("ConnectionStrings:Marten", AppConnectionString);
            b.UseSetting("Auth:SigningKey", SigningKey);
            b.UseSetting("Database:StartupWaitSeconds", "10");
            foreach (var (key, value) in Settings) b.UseSetting(key, value);
        });
        _factory.UseKestrel();
        _factory.StartServer();
    }

    /// <summary>Wipes every event and document, then registers the seven cities again.</summary>
    public async Task ResetAsync()
    {
        await Services.ResetAllMartenDataAsync();
        await RegisterCity.SeedAsync(Store, DateTimeOffset.UtcNow);
    }

    public HttpClient Client(string? token = null)
    {
        var client = Factory.CreateClient();
        if (token is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public async Task<string> TokenFor(string username)
    {
        var password = username switch
        {
            "admin" => "demo-admin",
            "auditor" => "demo-auditor",
            "observer" => "demo-observer",
            _ when username.StartsWith("coordinator") => "demo-coordinator",
            _ => "demo-facilitator"
        };
        var response = await Client().PostAsJsonAsync("/api/auth/login", new LogIn(username, password));
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<LoggedIn>(Json.Options))!.AccessToken;
    }

    public async Task<HttpClient> ClientFor(string username) => Client(await TokenFor(username));

    /// <summary>A real SignalR client over WebSockets, authenticated like a browser (token in the query string).</summary>
    public HubConnection Hub(string? token) => new HubConnectionBuilder()
        .WithUrl(new Uri(BaseAddress, CollabHub.Path), o =>
        {
            if (token is not null) o.AccessTokenProvider = () => Task.FromResult<string?>(token);
            o.Transports = Microsoft.AspNetCore.Http.Connections.HttpTransportType.WebSockets;
            o.SkipNegotiation = true;
        })
        .AddJsonProtocol(o => o.PayloadSerializerOptions.Converters.Add(
            new System.Text.Json.Serialization.JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.SnakeCaseUpper)))
        .Build();

    public virtual async Task DisposeAsync()
    {
        if (_factory is not null) await _factory.DisposeAsync();
        await Database.DropAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class AppCollection : ICollectionFixture<AppFixture>
{
    public const string Name = "app";
}

/// <summary>Base for integration tests: data is reset before each test, never after, so a failure leaves data to look at.</summary>
[Collection(AppCollection.Name)]
public abstract class IntegrationTest(AppFixture app) : IAsyncLifetime
{
    protected AppFixture App { get; } = app;
    public Task InitializeAsync() => App.ResetAsync();
    public Task DisposeAsync() => Task.CompletedTask;
}

/// <summary>A database of its own for a test host, created on the server named by ConnectionStrings__Marten.</summary>
public sealed class TestDatabase
{
    private static string ServerConnectionString =>
        Environment.GetEnvironmentVariable("ConnectionStrings__Marten") is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException("ConnectionStrings__Marten is not set: run the tests with ./ops/test.sh");

    public string Name { get; } = $"epi_test_{Guid.NewGuid():N}";
    public string ConnectionString => new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = Name }.ConnectionString;

    public Task CreateAsync() => Admin($"CREATE DATABASE {Name}");
    public Task DropAsync() => Admin($"DROP DATABASE IF EXISTS {Name} WITH (FORCE)");

    public async Task Admin(string sql)
    {
        var builder = new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = "postgres", Pooling = false };
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
